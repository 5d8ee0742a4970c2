package dev.tsflink.connector.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder in front of a real server, on a port of its own, so a test can make the server
 * unreachable ({@link #cut()}: open connections are reset, and so is every new one) and reachable
 * again ({@link #restore()}) without stopping the server other tests share. The port stays bound
 * while cut, so nothing else can take it in between.
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private volatile boolean cut;

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.port = server.getLocalPort();
        Thread acceptor = new Thread(this::accept, "tcp-proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return port;
    }

    /** Resets every open connection, and every new one until {@link #restore()}. */
    public synchronized void cut() throws IOException {
        cut = true;
        for (Socket s : sockets) {
            reset(s);
        }
        sockets.clear();
    }

    /** Forwards new connections again. */
    public synchronized void restore() {
        cut = false;
    }

    /** Closes with linger 0: the peer sees a reset, as when a server dies, not an orderly close. */
    private static void reset(Socket s) throws IOException {
        if (!s.isClosed()) {
            s.setSoLinger(true, 0);
            s.close();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                synchronized (this) {
                    if (cut) {
                        reset(client);
                        continue;
                    }
                    Socket upstream = new Socket(targetHost, targetPort);
                    sockets.add(client);
                    sockets.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                }
            } catch (IOException e) {
                // Closed by close(): stop accepting.
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // One side went away (or was cut): the other is closed below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump-" + port);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Already closed by the other direction.
        }
    }

    @Override
    public void close() throws IOException {
        cut();
        server.close();
    }
}
