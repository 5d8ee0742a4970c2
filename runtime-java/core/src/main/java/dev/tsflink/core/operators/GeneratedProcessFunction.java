package dev.tsflink.core.operators;

import dev.tsflink.core.codec.JsonRowEncoder;
import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.expr.ProcedureContext;
import dev.tsflink.core.expr.ProcessProcedures;
import dev.tsflink.core.expr.RecordException;
import dev.tsflink.core.graph.StateDecl;
import dev.tsflink.core.types.DataType;
import dev.tsflink.core.types.RecordField;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.RowTypes;
import dev.tsflink.core.types.TimestampType;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * A {@code process} node: Flink keyed state (one {@link ValueState} or {@link MapState} per
 * declaration, typed by its graph type, never Kryo) and event-time timers behind the
 * {@link ProcedureContext} its generated procedures call. A procedure that throws for a record or
 * timer stops there (what it already changed or emitted stays, as in JavaScript) and the record is
 * a dead letter ({@link RecordFailures}); a timer's dead letter is {@code {"key": …, "timer": …}}.
 *
 * <p>A procedure reads a value state as often as its TypeScript mentions it ({@code s.count += 1}
 * reads and writes it); within one call each value state is read from Flink at most once and
 * written back at most once, at the end, which is what a hand-written function does.
 */
public final class GeneratedProcessFunction extends KeyedProcessFunction<Object, Row, Row> implements ProcedureContext {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GeneratedProcessFunction.class);

    private final GeneratedFunction function;
    private final List<StateDecl> declarations;
    private final RecordType inputType;
    private final RecordType timerType;
    private final RecordFailures.Origin origin;
    private transient ProcessProcedures procedures;
    private transient ValueState<Object>[] values;
    private transient MapState<Object, Object>[] maps;
    /**
     * Per value state: whether it is stored in a one-field row, so that a null value (of an
     * optional type) is told apart from no value, which Flink's ValueState cannot.
     */
    private transient boolean[] boxed;
    /** This call's value of each value state ({@link #ABSENT} for none) once read or written. */
    private transient Object[] cached;
    private transient boolean[] isCached;
    private transient boolean[] dirty;
    private transient JsonRowEncoder input;
    private transient JsonRowEncoder timer;
    private transient RecordFailures failures;

    private transient Collector<Row> out;
    private transient KeyedProcessFunction<Object, Row, Row>.Context elementContext;
    private transient KeyedProcessFunction<Object, Row, Row>.OnTimerContext timerContext;
    private transient long time;

    /** @param keyType the key's type, for the dead letter of a timer */
    public GeneratedProcessFunction(GeneratedFunction function, List<StateDecl> declarations, RecordType inputType,
            DataType keyType, RecordFailures.Origin origin) {
        this.function = function;
        this.declarations = List.copyOf(declarations);
        this.inputType = inputType;
        this.timerType = new RecordType("ProcessTimer",
                List.of(new RecordField("key", keyType), new RecordField("timer", TimestampType.INSTANCE)));
        this.origin = origin;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void open(OpenContext context) {
        procedures = FunctionCompiler.compile(function, ProcessProcedures.class, getClass().getClassLoader());
        int n = declarations.size();
        values = new ValueState[n];
        maps = new MapState[n];
        boxed = new boolean[n];
        cached = new Object[n];
        isCached = new boolean[n];
        dirty = new boolean[n];
        for (int i = 0; i < n; i++) {
            StateDecl d = declarations.get(i);
            if (d.map()) {
                maps[i] = getRuntimeContext().getMapState(new MapStateDescriptor<>(d.name(),
                        (TypeInformation) RowTypes.typeInfo(d.keyType()), (TypeInformation) RowTypes.typeInfo(d.type())));
            } else {
                boxed[i] = d.type().isNullable();
                TypeInformation<?> type = boxed[i]
                        ? RowTypes.rowTypeInfo(new RecordType(d.name() + "_box", List.of(new RecordField("value", d.type()))))
                        : RowTypes.typeInfo(d.type());
                values[i] = getRuntimeContext().getState(new ValueStateDescriptor<>(d.name(), (TypeInformation) type));
            }
        }
        input = new JsonRowEncoder(inputType);
        timer = new JsonRowEncoder(timerType);
        failures = new RecordFailures(origin, LOG, getRuntimeContext().getMetricGroup(), "record");
    }

    @Override
    public void processElement(Row row, Context ctx, Collector<Row> collector) {
        out = collector;
        elementContext = ctx;
        timerContext = null;
        try {
            procedures.onElement(row, this);
        } catch (RuntimeException e) {
            failures.fail(e, () -> input.encode(row), ctx.timestamp(), letter -> ctx.output(RecordFailures.DEAD_LETTERS, letter));
        } finally {
            writeBack();
            out = null;
            elementContext = null;
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Row> collector) {
        out = collector;
        timerContext = ctx;
        elementContext = null;
        time = timestamp;
        try {
            procedures.onTimer(timestamp, this);
        } catch (RuntimeException e) {
            failures.fail(e, () -> timer.encode(Row.of(ctx.getCurrentKey(), timestamp)), timestamp,
                    letter -> ctx.output(RecordFailures.DEAD_LETTERS, letter));
        } finally {
            writeBack();
            out = null;
            timerContext = null;
        }
    }

    /** Writes the value states this call changed, and forgets what it read (the next call may have another key). */
    private void writeBack() {
        for (int i = 0; i < dirty.length; i++) {
            if (dirty[i]) {
                write(values[i], boxed[i] ? Row.of(cached[i]) : cached[i]);
                dirty[i] = false;
            }
            isCached[i] = false;
            cached[i] = null;
        }
    }

    // ------------------------------------------------------------------ ProcedureContext

    @Override
    public Object value(int state) {
        if (!isCached[state]) {
            Object v = read(values[state]);
            cached[state] = v == null ? ABSENT : boxed[state] ? ((Row) v).getField(0) : v;
            isCached[state] = true;
        }
        return cached[state];
    }

    @Override
    public void setValue(int state, Object value) {
        cached[state] = value;
        isCached[state] = true;
        dirty[state] = true;
    }

    @Override
    public Object mapGet(int state, Object key) {
        try {
            return maps[state].get(key);
        } catch (Exception e) {
            throw stateFailure(e);
        }
    }

    @Override
    public boolean mapHas(int state, Object key) {
        try {
            return maps[state].contains(key);
        } catch (Exception e) {
            throw stateFailure(e);
        }
    }

    @Override
    public void mapPut(int state, Object key, Object value) {
        try {
            maps[state].put(key, value);
        } catch (Exception e) {
            throw stateFailure(e);
        }
    }

    @Override
    public void mapRemove(int state, Object key) {
        try {
            maps[state].remove(key);
        } catch (Exception e) {
            throw stateFailure(e);
        }
    }

    @Override
    public void clear(int state) {
        if (maps[state] != null) {
            maps[state].clear();
        } else {
            values[state].clear();
            cached[state] = ABSENT;
            isCached[state] = true;
            dirty[state] = false;
        }
    }

    @Override
    public void emit(Row row) {
        out.collect(row);
    }

    @Override
    public void timer(long at) {
        (elementContext != null ? elementContext.timerService() : timerContext.timerService()).registerEventTimeTimer(at);
    }

    @Override
    public long timestamp() {
        if (elementContext == null) {
            return time;
        }
        Long t = elementContext.timestamp();
        if (t == null) {
            throw new RecordException("context timestamp: the record has no event time");
        }
        return t;
    }

    @Override
    public Object key() {
        return elementContext != null ? elementContext.getCurrentKey() : timerContext.getCurrentKey();
    }

    private static Object read(ValueState<Object> state) {
        try {
            return state.value();
        } catch (Exception e) {
            throw stateFailure(e);
        }
    }

    private static void write(ValueState<Object> state, Object value) {
        try {
            state.update(value);
        } catch (Exception e) {
            throw stateFailure(e);
        }
    }

    /**
     * The state backend failed (not the record): rethrown unchecked so the job fails and restarts,
     * never counted as a record error.
     */
    private static StateAccessException stateFailure(Exception e) {
        return new StateAccessException(e);
    }

    /** A state backend failure; it is an Error so that the per-record error handling does not swallow it. */
    static final class StateAccessException extends Error {
        private static final long serialVersionUID = 1L;

        StateAccessException(Exception cause) {
            super("keyed state access failed", cause);
        }
    }
}
