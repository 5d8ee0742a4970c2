package dev.tsflink.localstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's MongoDB: mongo-java-server listening on 127.0.0.1, with every database in one
 * H2 MVStore file so that data survives a restart.
 *
 * <pre>MongoWireServer --port &lt;port&gt; --data &lt;file&gt;</pre>
 */
public final class MongoWireServer {

    private static final Logger LOG = LoggerFactory.getLogger(MongoWireServer.class);

    /** Every server of the local stack binds loopback only: it is never reachable from the network. */
    private static final String LOOPBACK = "127.0.0.1";

    private MongoWireServer() {}

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("MongoWireServer: " + e.getMessage());
            System.err.println("usage: MongoWireServer --port <port> --data <file>");
            System.exit(2);
            return;
        }

        H2Backend backend = new H2Backend(options.data.toString());
        // mongo-java-server reports wire version 8 only when it imitates 5.0; the Node.js driver 6
        // refuses anything older.
        backend.version(ServerVersion.MONGO_5_0);
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(LOOPBACK, options.port);
        } catch (Exception e) {
            // Netty rethrows a BindException undeclared, past mongo-java-server's own cleanup, and
            // its boss thread would keep a JVM that listens nowhere alive: exit, so the stack sees it.
            LOG.error("cannot listen on {}:{}", LOOPBACK, options.port, e);
            System.exit(1);
        }
        // `tsflink down` sends SIGTERM; shutting down closes the backend, which writes the MVStore's
        // last changes (it commits on its own only once a second).
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "mongo-wire-server-shutdown"));
        LOG.info("listening on {}:{}, data in {}", LOOPBACK, options.port, options.data);
    }

    private record Options(int port, Path data) {

        static Options parse(String[] args) {
            Integer port = null;
            Path data = null;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--port" -> port = parsePort(value);
                    case "--data" -> data = Path.of(value).toAbsolutePath();
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (port == null || data == null) {
                throw new IllegalArgumentException("--port and --data are required");
            }
            return new Options(port, data);
        }

        private static int parsePort(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 1 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below, with the value
            }
            throw new IllegalArgumentException("--port " + value + " is not a port number (1-65535)");
        }
    }
}
