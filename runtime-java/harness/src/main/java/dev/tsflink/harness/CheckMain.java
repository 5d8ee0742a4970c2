package dev.tsflink.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tsflink.core.codec.RowEncoder;
import dev.tsflink.core.connector.ConnectorFactory;
import dev.tsflink.core.connector.DeadLetter;
import dev.tsflink.core.connector.SecretResolver;
import dev.tsflink.core.connector.SourceRecordDecoder;
import dev.tsflink.core.graph.JobGraph;
import dev.tsflink.core.graph.JobGraphException;
import dev.tsflink.core.graph.JobGraphLoader;
import dev.tsflink.core.graph.KafkaSinkSpec;
import dev.tsflink.core.graph.Node.DatabaseSinkNode;
import dev.tsflink.core.graph.Node.KafkaSinkNode;
import dev.tsflink.core.graph.Node.KafkaSourceNode;
import dev.tsflink.core.operators.OperatorDeadLetter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code tsflink check} asks the harness: would these job graphs run? Each graph goes
 * through everything a submission does before the first record — the loader's checks, which
 * compile every generated function with Janino as each operator will when it opens, and the
 * Flink job built from it — so check and submit cannot disagree.
 *
 * <pre>
 * CheckMain graph.json… → stdout: {"graphs": [{"file": "…", "problems": [{"node": "id" | null, "message": "…"}]}]}
 * </pre>
 *
 * Connection settings are not needed: the job is built, never run, so every {@code {"env"}}
 * reference resolves to a placeholder that nothing connects to. The database sinks are left out
 * of the build, since all they check then is the shape of their URL, which is the environment's,
 * not the graph's; their functions are compiled with the rest.
 */
public final class CheckMain {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The loader names the node a problem belongs to first: {@code node 'paid': fn.body…}. */
    private static final Pattern NODE_PROBLEM = Pattern.compile("^node '([^']+)': (.*)$", Pattern.DOTALL);
    private static final String UNREACHABLE = "tsflink-check.invalid:9";

    private CheckMain() {}

    public static void main(String[] args) throws Exception {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode graphs = out.putArray("graphs");
        for (String file : args) {
            ObjectNode result = graphs.addObject();
            result.put("file", file);
            check(Files.readString(Path.of(file), StandardCharsets.UTF_8), result.putArray("problems"));
        }
        System.out.println(JSON.writeValueAsString(out));
    }

    static void check(String json, ArrayNode problems) {
        JobGraph graph;
        try {
            graph = JobGraphLoader.load(json);
        } catch (JobGraphException e) {
            e.problems().forEach(p -> problem(problems, p));
            return;
        }
        try {
            StreamJobBuilder.build(graph, new CheckConnectors()).getStreamGraph();
        } catch (RuntimeException e) {
            problem(problems, "the Flink job cannot be built: " + firstLine(String.valueOf(e.getMessage())));
        }
    }

    /** The cluster's Kafka connectors (built, never started) and no database connections. */
    private static final class CheckConnectors implements ConnectorFactory {
        private final ClusterConnectorFactory kafka =
                new ClusterConnectorFactory(new SecretResolver(Map.of(), name -> UNREACHABLE));

        @Override
        public Source<Either<Row, DeadLetter>, ?, ?> createKafkaSource(KafkaSourceNode node, SourceRecordDecoder decoder) {
            return kafka.createKafkaSource(node, decoder);
        }

        @Override
        public Sink<DeadLetter> createDeadLetterSink(KafkaSourceNode node, KafkaSinkSpec deadLetter) {
            return kafka.createDeadLetterSink(node, deadLetter);
        }

        @Override
        public Sink<OperatorDeadLetter> createOperatorDeadLetterSink(KafkaSinkSpec deadLetter) {
            return kafka.createOperatorDeadLetterSink(deadLetter);
        }

        @Override
        public Sink<Row> createKafkaSink(KafkaSinkNode node, RowEncoder encoder) {
            return kafka.createKafkaSink(node, encoder);
        }

        @Override
        public Sink<Row> createDatabaseSink(DatabaseSinkNode node) {
            return new DiscardingSink<>();
        }
    }

    private static void problem(ArrayNode problems, String text) {
        Matcher m = NODE_PROBLEM.matcher(text);
        ObjectNode p = problems.addObject();
        if (m.matches()) {
            p.put("node", m.group(1)).put("message", m.group(2));
        } else {
            p.putNull("node").put("message", text);
        }
    }

    /** A message may come with more lines after it (a cause, generated source); the first says what is wrong. */
    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
