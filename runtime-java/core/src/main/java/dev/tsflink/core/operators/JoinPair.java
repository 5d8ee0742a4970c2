package dev.tsflink.core.operators;

import dev.tsflink.core.types.RecordField;
import dev.tsflink.core.types.RecordType;

import java.util.List;

/** What a join's dead letter holds when its function fails on a pair: both records. */
public final class JoinPair {

    private JoinPair() {}

    /** {@code {left, right}}: the JSON of a failed pair is {@code {"left": …, "right": …}}. */
    public static RecordType type(RecordType left, RecordType right) {
        return new RecordType("JoinPair", List.of(new RecordField("left", left), new RecordField("right", right)));
    }
}
