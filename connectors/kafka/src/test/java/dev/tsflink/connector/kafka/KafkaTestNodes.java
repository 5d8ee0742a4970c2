package dev.tsflink.connector.kafka;

import dev.tsflink.core.graph.Format;
import dev.tsflink.core.graph.KafkaSinkSpec;
import dev.tsflink.core.graph.Location;
import dev.tsflink.core.graph.Node.EventTimeSpec;
import dev.tsflink.core.graph.Node.KafkaSinkNode;
import dev.tsflink.core.graph.Node.KafkaSourceNode;
import dev.tsflink.core.graph.Node.StartFrom;
import dev.tsflink.core.graph.SecretRef;
import dev.tsflink.core.types.RecordField;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.TimestampType;

import java.util.List;

import static dev.tsflink.core.types.PrimitiveType.STRING;

/** Nodes of a small graph: JSON events with event time, and a sink of them. */
final class KafkaTestNodes {

    static final RecordType EVENT = new RecordType("Event", List.of(
            new RecordField("id", STRING), new RecordField("at", TimestampType.INSTANCE)));

    static final SecretRef SERVERS = new SecretRef("KAFKA_BOOTSTRAP_SERVERS");

    static final KafkaSinkSpec DEAD_LETTERS = new KafkaSinkSpec("events.dead-letter", "dead letters events.dlq · e.ts:3",
            "events.dlq", true, "tsflink-e-events.dead-letter", 900000, SERVERS);

    private KafkaTestNodes() {}

    static KafkaSourceNode source(StartFrom startFrom, KafkaSinkSpec deadLetter) {
        return new KafkaSourceNode("events", "events", "source events · e.ts:3", new Location("e.ts", 3, 5), null,
                "events", Format.JSON, startFrom, "tsflink-e-events", EVENT, new EventTimeSpec("at", 1000, 60000L),
                deadLetter, SERVERS);
    }

    static KafkaSinkNode sink(boolean exactlyOnce) {
        KafkaSinkSpec spec = new KafkaSinkSpec("kafka-sink.out", "sink out · e.ts:9", "out", exactlyOnce,
                "tsflink-e-kafka-sink.out", 600000, SERVERS);
        return new KafkaSinkNode("kafka-sink.out", "kafka-sink.out", "sink out · e.ts:9", new Location("e.ts", 9, 3),
                List.of("events"), null, Format.JSON, EVENT, spec);
    }
}
