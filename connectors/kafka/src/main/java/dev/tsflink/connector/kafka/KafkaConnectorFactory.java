package dev.tsflink.connector.kafka;

import dev.tsflink.core.codec.RowEncoder;
import dev.tsflink.core.connector.ConnectorFactory;
import dev.tsflink.core.connector.DeadLetter;
import dev.tsflink.core.connector.SecretResolver;
import dev.tsflink.core.connector.SourceRecordDecoder;
import dev.tsflink.core.graph.KafkaSinkSpec;
import dev.tsflink.core.graph.Node.KafkaSinkNode;
import dev.tsflink.core.graph.Node.KafkaSourceNode;
import dev.tsflink.core.operators.OperatorDeadLetter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Real Kafka: Flink's {@link KafkaSource} and {@link KafkaSink}, configured from the graph. */
public final class KafkaConnectorFactory implements ConnectorFactory {

    private final SecretResolver secrets;

    public KafkaConnectorFactory(SecretResolver secrets) {
        this.secrets = secrets;
    }

    @Override
    public Source<Either<Row, DeadLetter>, ?, ?> createKafkaSource(KafkaSourceNode node, SourceRecordDecoder decoder) {
        return KafkaSource.<Either<Row, DeadLetter>>builder()
                .setBootstrapServers(secrets.resolve(node.bootstrapServers(), "node '" + node.id() + "' connection.bootstrapServers"))
                .setTopics(node.topic())
                .setGroupId(node.groupId())
                .setStartingOffsets(startingOffsets(node.startFrom()))
                .setDeserializer(new KafkaSourceRecordDeserializer(decoder))
                // Upstream exactly-once producers write in transactions: never read aborted data.
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .setClientIdPrefix("tsflink-" + node.uid())
                .build();
    }

    static OffsetsInitializer startingOffsets(KafkaSourceNode.StartFrom startFrom) {
        return switch (startFrom) {
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
            // The group's committed offsets; a partition the group never committed starts at the beginning.
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }

    @Override
    public Sink<DeadLetter> createDeadLetterSink(KafkaSourceNode node, KafkaSinkSpec deadLetter) {
        return kafkaSink(deadLetter, "node '" + node.id() + "' deadLetter.connection.bootstrapServers",
                new KafkaDeadLetterSerializationSchema(deadLetter.topic()));
    }

    @Override
    public Sink<OperatorDeadLetter> createOperatorDeadLetterSink(KafkaSinkSpec deadLetter) {
        if (deadLetter == null) {
            return null;
        }
        return kafkaSink(deadLetter, "job.deadLetter.connection.bootstrapServers",
                new KafkaOperatorDeadLetterSerializationSchema(deadLetter.topic()));
    }

    @Override
    public Sink<Row> createKafkaSink(KafkaSinkNode node, RowEncoder encoder) {
        return kafkaSink(node.sink(), "node '" + node.id() + "' sink.connection.bootstrapServers",
                new KafkaRowSerializationSchema(node.sink().topic(), encoder));
    }

    private <T> KafkaSink<T> kafkaSink(KafkaSinkSpec spec, String where, KafkaRecordSerializationSchema<T> serializer) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(secrets.resolve(spec.bootstrapServers(), where))
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(spec.exactlyOnce() ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(spec.transactionalIdPrefix())
                // Must stay below the broker's transaction.max.timeout.ms (15 minutes by default).
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(spec.transactionTimeoutMs()))
                .build();
    }
}
