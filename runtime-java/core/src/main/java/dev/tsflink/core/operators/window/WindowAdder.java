package dev.tsflink.core.operators.window;

import org.apache.flink.types.Row;

/** What a window-aggregate's generated code implements. */
public interface WindowAdder {

    /**
     * Adds a record seen at {@code timestamp}. Every aggregate's value is computed before the
     * accumulator changes, so a record whose function fails leaves it as it was.
     */
    void add(Row input, long timestamp, WindowAccumulator acc);

    /** Computes every aggregate's value and discards it: throws where {@link #add} would. */
    void check(Row input);
}
