package dev.tsflink.core.operators.window;

import dev.tsflink.core.operators.GeneratedKeySelector;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.types.Row;

/** The key of a {@code (row, event time)} pair: the row's. */
public final class TimestampedKeySelector implements KeySelector<Tuple2<Row, Long>, Object> {

    private static final long serialVersionUID = 1L;

    private final GeneratedKeySelector key;

    public TimestampedKeySelector(GeneratedKeySelector key) {
        this.key = key;
    }

    @Override
    public Object getKey(Tuple2<Row, Long> pair) {
        return key.getKey(pair.f0);
    }
}
