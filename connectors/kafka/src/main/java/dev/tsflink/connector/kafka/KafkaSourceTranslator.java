package dev.tsflink.connector.kafka;

import dev.tsflink.core.connector.ConnectorFactory;
import dev.tsflink.core.connector.DeadLetter;
import dev.tsflink.core.connector.PerRecordWatermarks;
import dev.tsflink.core.connector.SourceRecordDecoder;
import dev.tsflink.core.graph.KafkaSinkSpec;
import dev.tsflink.core.graph.Node.EventTimeSpec;
import dev.tsflink.core.graph.Node.KafkaSourceNode;
import dev.tsflink.core.types.RowTypes;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

import java.time.Duration;

/**
 * Adds a {@code kafka-source} node to a job: the source (decoding in its reader, watermarks per
 * partition), then the {@link DeadLetterRouter} chained to it, then, when the node declares one,
 * the dead-letter sink.
 */
public final class KafkaSourceTranslator {

    /**
     * Suffix of the router's uid. Node ids cannot contain '#', so this uid cannot collide with a
     * node's.
     */
    public static final String ROUTER_UID_SUFFIX = "#dead-letter-router";

    private KafkaSourceTranslator() {}

    /** @param parallelism the node's parallelism, or the job's when the node has none */
    public static SingleOutputStreamOperator<Row> translate(
            StreamExecutionEnvironment env, KafkaSourceNode node, ConnectorFactory factory, int parallelism) {
        SourceRecordDecoder decoder = new SourceRecordDecoder(node);
        DataStreamSource<Either<Row, DeadLetter>> source = env.fromSource(
                factory.createKafkaSource(node, decoder), watermarks(node.eventTime(), decoder, factory.watermarksPerRecord()),
                node.name(), decoder.producedType());
        source.uid(node.uid()).setParallelism(parallelism);

        KafkaSinkSpec deadLetter = node.deadLetter();
        SingleOutputStreamOperator<Row> rows = source
                .process(new DeadLetterRouter(deadLetter != null, node.name()), RowTypes.rowTypeInfo(node.outputType()))
                .name(node.name() + " · dead letters")
                .uid(node.uid() + ROUTER_UID_SUFFIX)
                .setParallelism(parallelism);
        if (deadLetter != null) {
            rows.getSideOutput(DeadLetterRouter.DEAD_LETTERS)
                    .sinkTo(factory.createDeadLetterSink(node, deadLetter))
                    .name(deadLetter.name())
                    .uid(deadLetter.uid())
                    .setParallelism(parallelism);
        }
        return rows;
    }

    static WatermarkStrategy<Either<Row, DeadLetter>> watermarks(
            EventTimeSpec eventTime, SourceRecordDecoder decoder, boolean perRecord) {
        if (eventTime == null) {
            return WatermarkStrategy.noWatermarks();
        }
        long maxOutOfOrderness = eventTime.maxOutOfOrdernessMs();
        WatermarkStrategy<Either<Row, DeadLetter>> bounded = perRecord
                ? WatermarkStrategy.forGenerator(context -> new PerRecordWatermarks<>(maxOutOfOrderness))
                : WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(maxOutOfOrderness));
        WatermarkStrategy<Either<Row, DeadLetter>> strategy =
                bounded.withTimestampAssigner(new EventTimeAssigner(decoder.eventTimeField()));
        if (eventTime.idlenessMs() != null) {
            strategy = strategy.withIdleness(Duration.ofMillis(eventTime.idlenessMs()));
        }
        return strategy;
    }
}
