package dev.tsflink.core.graph;

import java.io.Serializable;

/**
 * A window of a {@code window-aggregate} or {@code window-join}: Flink's, aligned to the epoch,
 * {@code [start, end)}. {@code slideMs} is 0 unless sliding, {@code gapMs} 0 unless session.
 */
public record WindowSpec(Kind kind, long sizeMs, long slideMs, long gapMs, boolean eventTime) implements Serializable {

    public enum Kind {
        TUMBLING,
        SLIDING,
        SESSION
    }
}
