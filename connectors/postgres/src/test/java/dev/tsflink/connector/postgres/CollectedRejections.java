package dev.tsflink.connector.postgres;

import dev.tsflink.core.sink.RejectedRecords;
import org.apache.flink.types.Row;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a target rejects, so a test can compare it; flushing marks them durable. */
final class CollectedRejections implements RejectedRecords {

    record Rejection(Row row, String reason) {}

    final List<Rejection> rejected = new ArrayList<>();
    int flushedCount;

    @Override
    public void reject(Row record, String reason) {
        rejected.add(new Rejection(record, reason));
    }

    @Override
    public void flush() {
        flushedCount = rejected.size();
    }

    @Override
    public void close() {}
}
