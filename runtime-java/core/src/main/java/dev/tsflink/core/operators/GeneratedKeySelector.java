package dev.tsflink.core.operators;

import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.expr.KeyFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.types.Row;

/**
 * A keyed node's key: its generated key function, compiled on first use in each operator
 * instance (a key selector has no open()). It runs when records are partitioned and again in the
 * keyed operator, so it must not fail: a key function that can (see
 * {@link GeneratedFunction#mayFail()}) is checked by {@link KeyCheckFunction} before partitioning.
 */
public final class GeneratedKeySelector implements KeySelector<Row, Object> {

    private static final long serialVersionUID = 1L;

    private final GeneratedFunction function;
    private transient KeyFunction key;

    public GeneratedKeySelector(GeneratedFunction function) {
        this.function = function;
    }

    @Override
    public Object getKey(Row row) {
        if (key == null) {
            key = FunctionCompiler.compile(function, KeyFunction.class, getClass().getClassLoader());
        }
        return key.key(row);
    }
}
