package dev.tsflink.core.sink;

import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The exactly-once writer: what each prepareCommit hands the committer, and how batches are labelled. */
class DatabaseSinkWriterTest {

    private static DatabaseSinkWriter writer(long restoredCheckpoint) {
        return new DatabaseSinkWriter(new RowCodec(SerializersTest.ORDER), true, 500, "run-1", 2, restoredCheckpoint,
                null, null, "test table");
    }

    private static List<String> ids(RowBatch batch) throws IOException {
        return new RowCodec(SerializersTest.ORDER).fromBytes(batch.rows(), batch.count()).stream()
                .map(r -> (String) r.getField(0)).toList();
    }

    @Test
    void eachCheckpointsRecordsBecomeOneBatchLabelledAfterTheLastSnapshot() throws Exception {
        DatabaseSinkWriter w = writer(0);
        w.write(SerializersTest.order("o-1", 1), null);
        w.write(SerializersTest.order("o-2", 2), null);
        RowBatch first = w.prepareCommit().iterator().next();
        assertEquals("RowBatch{run=run-1, subtask=2, checkpoint=1, rows=2}", first.toString());
        assertEquals(List.of("o-1", "o-2"), ids(first));
        assertEquals(List.of(new SinkWriterState("run-1")), w.snapshotState(1));

        // Checkpoints 2 to 4 never reached this writer (declined elsewhere): the next label is 6,
        // still above every earlier one, which is all the fence needs.
        w.snapshotState(5);
        w.write(SerializersTest.order("o-3", 3), null);
        RowBatch second = w.prepareCommit().iterator().next();
        assertEquals(6, second.checkpoint());
        assertEquals(List.of("o-3"), ids(second));

        // Nothing buffered: nothing to commit.
        w.snapshotState(6);
        assertEquals(List.of(), List.copyOf(w.prepareCommit()));
    }

    @Test
    void aRestoredWriterLabelsAfterTheRestoredCheckpoint() throws Exception {
        DatabaseSinkWriter w = writer(42);
        w.write(SerializersTest.order("o-9", 9), null);
        assertEquals(43, w.prepareCommit().iterator().next().checkpoint());
    }

    @Test
    void copiesEachRowWhenItArrives() throws Exception {
        // With object reuse the caller may overwrite a row after handing it over.
        DatabaseSinkWriter w = writer(0);
        Row reused = SerializersTest.order("o-1", 1);
        w.write(reused, null);
        reused.setField(0, "o-2");
        w.write(reused, null);
        assertEquals(List.of("o-1", "o-2"), ids(w.prepareCommit().iterator().next()));
    }
}
