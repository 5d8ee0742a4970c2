package dev.tsflink.core.operators;

import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.expr.KeyFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/** The key of a tagged window-join record: the left key function for left records, the right one for right records. */
public final class WindowJoinKeySelector implements KeySelector<Either<Row, Row>, Object> {

    private static final long serialVersionUID = 1L;

    private final GeneratedFunction leftKey;
    private final GeneratedFunction rightKey;
    private transient KeyFunction left;
    private transient KeyFunction right;

    public WindowJoinKeySelector(GeneratedFunction leftKey, GeneratedFunction rightKey) {
        this.leftKey = leftKey;
        this.rightKey = rightKey;
    }

    @Override
    public Object getKey(Either<Row, Row> value) {
        if (left == null) {
            ClassLoader loader = getClass().getClassLoader();
            left = FunctionCompiler.compile(leftKey, KeyFunction.class, loader);
            right = FunctionCompiler.compile(rightKey, KeyFunction.class, loader);
        }
        return value.isLeft() ? left.key(WindowJoinInput.record(value.left())) : right.key(WindowJoinInput.record(value.right()));
    }
}
