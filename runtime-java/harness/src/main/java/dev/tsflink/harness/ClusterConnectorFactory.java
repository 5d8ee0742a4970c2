package dev.tsflink.harness;

import dev.tsflink.connector.kafka.KafkaConnectorFactory;
import dev.tsflink.connector.kafka.KafkaRejectedRecords;
import dev.tsflink.connector.mongo.MongoSinks;
import dev.tsflink.connector.postgres.PostgresSinks;
import dev.tsflink.connector.redis.RedisSinks;
import dev.tsflink.core.codec.RowEncoder;
import dev.tsflink.core.connector.ConnectorFactory;
import dev.tsflink.core.connector.DeadLetter;
import dev.tsflink.core.connector.SecretResolver;
import dev.tsflink.core.connector.SourceRecordDecoder;
import dev.tsflink.core.graph.KafkaSinkSpec;
import dev.tsflink.core.graph.MongoSinkNode;
import dev.tsflink.core.graph.Node.DatabaseSinkNode;
import dev.tsflink.core.graph.Node.KafkaSinkNode;
import dev.tsflink.core.graph.Node.KafkaSourceNode;
import dev.tsflink.core.graph.PostgresSinkNode;
import dev.tsflink.core.graph.RedisSinkNode;
import dev.tsflink.core.operators.OperatorDeadLetter;
import dev.tsflink.core.sink.LoggedRejectedRecords;
import dev.tsflink.core.sink.RejectedRecordsFactory;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * The real endpoints of a job: Kafka through Flink's connector, PostgreSQL, MongoDB and Redis
 * through tsflink's exactly-once sinks. Connection URLs come from the harness's configuration or
 * environment, resolved here when the job is built; they are never logged.
 */
public final class ClusterConnectorFactory implements ConnectorFactory {

    private final SecretResolver secrets;
    private final KafkaConnectorFactory kafka;

    public ClusterConnectorFactory(SecretResolver secrets) {
        this.secrets = secrets;
        this.kafka = new KafkaConnectorFactory(secrets);
    }

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
        String url = secrets.resolve(node.sink().connection(), "node '" + node.id() + "' connection");
        RejectedRecordsFactory rejected = rejectedRecords(node);
        if (node instanceof PostgresSinkNode postgres) {
            return PostgresSinks.create(postgres, url, rejected);
        }
        if (node instanceof MongoSinkNode mongo) {
            return MongoSinks.create(mongo, url, rejected);
        }
        return RedisSinks.create((RedisSinkNode) node, url, rejected);
    }

    /** The sink's dead-letter topic, or the counter and log when it declares none. */
    private RejectedRecordsFactory rejectedRecords(DatabaseSinkNode node) {
        KafkaSinkSpec deadLetter = node.sink().deadLetter();
        if (deadLetter == null) {
            return LoggedRejectedRecords.factory(node.name());
        }
        String servers = secrets.resolve(deadLetter.bootstrapServers(), "node '" + node.id() + "' deadLetter.connection.bootstrapServers");
        return KafkaRejectedRecords.factory(servers, deadLetter.topic(), node.id(), node.name(), node.sink().inputType());
    }
}
