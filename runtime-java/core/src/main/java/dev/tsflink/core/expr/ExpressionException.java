package dev.tsflink.core.expr;

import java.util.List;

/** Expressions that cannot be translated to Java, each with its path in the function. */
public final class ExpressionException extends RuntimeException {

    /** One problem; {@code path} is relative to the node, e.g. {@code fn.body.left}. */
    public record Problem(String path, String message) {}

    private final List<Problem> problems;

    public ExpressionException(List<Problem> problems) {
        super(problems.stream().map(p -> p.path() + ": " + p.message()).reduce((a, b) -> a + "; " + b).orElse(""));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
