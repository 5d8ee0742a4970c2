package dev.tsflink.core.expr;

import org.apache.flink.types.Row;

/**
 * What generated procedures of a {@code process} node call: the current key's state (by its
 * position in the node's {@code state} list), the output, timers and the context. The operator
 * implements it over Flink's keyed state.
 */
public interface ProcedureContext {

    /** What {@link #value} returns while the key has no value: the procedure then reads {@code initial}. */
    Object ABSENT = new Object();

    Object value(int state);

    void setValue(int state, Object value);

    Object mapGet(int state, Object key);

    boolean mapHas(int state, Object key);

    void mapPut(int state, Object key, Object value);

    void mapRemove(int state, Object key);

    /** A value state back to its initial value, a map state empty. */
    void clear(int state);

    void emit(Row row);

    /** An event-time timer for the current key at {@code at} (one per key and time). */
    void timer(long at);

    /** The record's event time, or the timer's time in onTimer. */
    long timestamp();

    Object key();
}
