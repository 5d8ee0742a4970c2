package dev.tsflink.core.operators.window;

import dev.tsflink.core.expr.RecordException;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

/** Pairs each record with its event time for a window-aggregate whose first/last need it. */
public final class EventTimeAttacher extends ProcessFunction<Row, Tuple2<Row, Long>> {

    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(Row row, Context ctx, Collector<Tuple2<Row, Long>> out) {
        Long timestamp = ctx.timestamp();
        if (timestamp == null) {
            // Event-time windows assign no window to such a record either.
            throw new RecordException("an event-time window received a record without a timestamp");
        }
        out.collect(Tuple2.of(row, timestamp));
    }
}
