package dev.tsflink.connector.kafka;

import dev.tsflink.core.codec.RowFormats;
import dev.tsflink.core.connector.SecretResolver;
import dev.tsflink.core.connector.SourceRecordDecoder;
import dev.tsflink.core.graph.Format;
import dev.tsflink.core.graph.Node.KafkaSourceNode;
import dev.tsflink.core.graph.Node.StartFrom;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.lineage.LineageDataset;
import org.apache.flink.streaming.api.lineage.LineageVertex;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What the factory configures, read back through the connector's public lineage (topic and client
 * properties). The delivery guarantee and transactional-id prefix are not exposed; the orders-basic
 * ITCase and the local stack's Kafka tests cover them at run time.
 */
class KafkaConnectorFactoryTest {

    private static final KafkaConnectorFactory FACTORY =
            new KafkaConnectorFactory(new SecretResolver(Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker-1:9092"), name -> null));

    private static KafkaDatasetFacet kafkaFacet(LineageVertex vertex) {
        List<LineageDataset> datasets = vertex.datasets();
        assertEquals(1, datasets.size());
        return (KafkaDatasetFacet) datasets.get(0).facets().get("kafka");
    }

    @Test
    void theSourceReadsCommittedDataOfItsTopicAsItsGroup() {
        KafkaSourceNode node = KafkaTestNodes.source(StartFrom.COMMITTED, null);
        KafkaSource<?> source = (KafkaSource<?>) FACTORY.createKafkaSource(node, new SourceRecordDecoder(node));
        KafkaDatasetFacet facet = kafkaFacet(source.getLineageVertex());
        assertEquals(List.of("events"), facet.getTopicIdentifier().getTopics());
        Properties p = facet.getProperties();
        assertEquals("broker-1:9092", p.getProperty("bootstrap.servers"));
        assertEquals("tsflink-e-events", p.getProperty("group.id"));
        assertEquals("read_committed", p.getProperty("isolation.level"));
        assertEquals("tsflink-events", p.getProperty("client.id.prefix"));
    }

    @Test
    void startFromMapsToOffsetsInitializers() {
        assertEquals(OffsetResetStrategy.EARLIEST, KafkaConnectorFactory.startingOffsets(StartFrom.EARLIEST).getAutoOffsetResetStrategy());
        assertEquals(OffsetResetStrategy.LATEST, KafkaConnectorFactory.startingOffsets(StartFrom.LATEST).getAutoOffsetResetStrategy());
        // Committed offsets; partitions the group never committed start from the beginning.
        assertEquals(OffsetResetStrategy.EARLIEST, KafkaConnectorFactory.startingOffsets(StartFrom.COMMITTED).getAutoOffsetResetStrategy());
    }

    @Test
    void sinksWriteTheirTopicWithTheGraphsTransactionTimeout() {
        KafkaSink<?> sink = (KafkaSink<?>) FACTORY.createKafkaSink(KafkaTestNodes.sink(true),
                RowFormats.encoder(Format.JSON, KafkaTestNodes.EVENT));
        KafkaDatasetFacet facet = kafkaFacet(sink.getLineageVertex());
        assertEquals(List.of("out"), facet.getTopicIdentifier().getTopics());
        assertEquals("broker-1:9092", facet.getProperties().getProperty("bootstrap.servers"));
        assertEquals("600000", facet.getProperties().getProperty("transaction.timeout.ms"));

        KafkaSourceNode source = KafkaTestNodes.source(StartFrom.EARLIEST, KafkaTestNodes.DEAD_LETTERS);
        KafkaSink<?> deadLetters = (KafkaSink<?>) FACTORY.createDeadLetterSink(source, KafkaTestNodes.DEAD_LETTERS);
        KafkaDatasetFacet dlq = kafkaFacet(deadLetters.getLineageVertex());
        assertEquals(List.of("events.dlq"), dlq.getTopicIdentifier().getTopics());
        assertEquals("900000", dlq.getProperties().getProperty("transaction.timeout.ms"));
    }

    @Test
    void aMissingConnectionSettingNamesTheNodeAndField() {
        KafkaConnectorFactory factory = new KafkaConnectorFactory(new SecretResolver(Map.of(), name -> null));
        KafkaSourceNode node = KafkaTestNodes.source(StartFrom.EARLIEST, null);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> factory.createKafkaSource(node, new SourceRecordDecoder(node)));
        assertEquals("node 'events' connection.bootstrapServers needs KAFKA_BOOTSTRAP_SERVERS, which is neither given "
                + "with --conf KAFKA_BOOTSTRAP_SERVERS=... nor set in the environment", e.getMessage());
    }
}
