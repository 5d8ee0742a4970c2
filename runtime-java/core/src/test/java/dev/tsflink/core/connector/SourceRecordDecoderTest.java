package dev.tsflink.core.connector;

import dev.tsflink.core.RepoFiles;
import dev.tsflink.core.graph.Format;
import dev.tsflink.core.graph.JobGraph;
import dev.tsflink.core.graph.JobGraphLoader;
import dev.tsflink.core.graph.Node.EventTimeSpec;
import dev.tsflink.core.graph.Node.KafkaSourceNode;
import dev.tsflink.core.graph.Node.StartFrom;
import dev.tsflink.core.graph.SecretRef;
import dev.tsflink.core.types.NullableType;
import dev.tsflink.core.types.RecordField;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.TimestampType;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.tsflink.core.types.PrimitiveType.STRING;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SourceRecordDecoderTest {

    private static final RecordType EVENT = new RecordType("Event", List.of(
            new RecordField("id", STRING), new RecordField("at", new NullableType(TimestampType.INSTANCE))));

    private static SourceRecordDecoder decoder() {
        return new SourceRecordDecoder(new KafkaSourceNode("events", "events", "source events", null, null, "events",
                Format.JSON, StartFrom.EARLIEST, "g", EVENT, new EventTimeSpec("at", 0, null), null, new SecretRef("K")));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aValueThatDecodesIsARow() {
        Either<Row, DeadLetter> r = decoder().decode("events", 2, 9, 5L, null, utf8("{\"id\":\"e1\",\"at\":7}"));
        assertEquals(Either.Left(Row.of("e1", 7L)), r);
    }

    @Test
    void aValueThatDoesNotIsADeadLetterWithTheOriginalBytes() {
        byte[] key = utf8("k");
        byte[] value = utf8("{\"at\":7}");
        assertEquals(Either.Right(new DeadLetter("events", 2, 9, 5L, key, value, "field 'id': missing", "events")),
                decoder().decode("events", 2, 9, 5L, key, value));
    }

    @Test
    void aNullEventTimeOrATombstoneIsADeadLetter() {
        byte[] value = utf8("{\"id\":\"e1\"}");
        assertEquals(Either.Right(new DeadLetter("events", 0, 1, -1L, null, value, "event-time field 'at' is null", "events")),
                decoder().decode("events", 0, 1, -1L, null, value));
        assertEquals(Either.Right(new DeadLetter("events", 0, 2, 3L, null, null, "the value is null (a tombstone)", "events")),
                decoder().decode("events", 0, 2, 3L, null, null));
    }

    @Test
    void theSourceOfOrdersBasicFindsItsEventTimeField() {
        JobGraph graph = JobGraphLoader.load(RepoFiles.read(RepoFiles.ORDERS_BASIC));
        assertEquals(5, new SourceRecordDecoder((KafkaSourceNode) graph.nodes().get(0)).eventTimeField());
    }
}
