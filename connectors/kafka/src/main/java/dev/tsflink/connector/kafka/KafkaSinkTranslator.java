package dev.tsflink.connector.kafka;

import dev.tsflink.core.codec.RowFormats;
import dev.tsflink.core.connector.ConnectorFactory;
import dev.tsflink.core.graph.Node.KafkaSinkNode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.types.Row;

/** Adds a {@code kafka-sink} node to a job: its input's rows, encoded in the node's format. */
public final class KafkaSinkTranslator {

    private KafkaSinkTranslator() {}

    /** @param parallelism the node's parallelism, or the job's when the node has none */
    public static void translate(DataStream<Row> input, KafkaSinkNode node, ConnectorFactory factory, int parallelism) {
        input.sinkTo(factory.createKafkaSink(node, RowFormats.encoder(node.format(), node.inputType())))
                .name(node.name())
                .uid(node.uid())
                .setParallelism(parallelism);
    }
}
