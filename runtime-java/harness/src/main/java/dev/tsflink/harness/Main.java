package dev.tsflink.harness;

import dev.tsflink.core.connector.SecretResolver;
import dev.tsflink.core.graph.JobGraph;
import dev.tsflink.core.graph.JobGraphLoader;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Entry point of the harness jar: reads a job graph, validates it, builds the DataStream job and
 * runs it. Submitted with {@code flink run} or through the REST API's {@code /jars/:id/run}.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws Exception {
        HarnessArguments arguments = HarnessArguments.parse(List.of(args));
        JobGraph graph = JobGraphLoader.load(GraphReader.read(arguments.graph()));
        LOG.info("Running job graph '{}' ({} nodes, compiled by tsflink {}) with configuration for {}",
                graph.job().name(), graph.nodes().size(), graph.compilerVersion(), arguments.conf().keySet());
        SecretResolver secrets = new SecretResolver(arguments.conf(), System::getenv);
        StreamExecutionEnvironment env = StreamJobBuilder.build(graph, new ClusterConnectorFactory(secrets));
        env.execute(graph.job().name());
    }
}
