package dev.tsflink.connector.kafka;

import dev.tsflink.core.connector.DeadLetter;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * A decoded row's timestamp is its event-time field (a timestamp, long or int; never null, the
 * decoder made a dead letter of those). A dead letter gets {@code Long.MIN_VALUE}, so it can never
 * advance the watermark: its bytes say nothing trustworthy about event time.
 */
final class EventTimeAssigner implements SerializableTimestampAssigner<Either<Row, DeadLetter>> {

    private static final long serialVersionUID = 1L;

    private final int field;

    EventTimeAssigner(int field) {
        this.field = field;
    }

    @Override
    public long extractTimestamp(Either<Row, DeadLetter> record, long recordTimestamp) {
        if (record.isRight()) {
            return Long.MIN_VALUE;
        }
        return ((Number) record.left().getField(field)).longValue();
    }
}
