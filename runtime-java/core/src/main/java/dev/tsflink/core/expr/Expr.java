package dev.tsflink.core.expr;

import dev.tsflink.core.types.DataType;

import java.io.Serializable;
import java.util.List;

/**
 * The expression IR of the job graph: one record per {@code kind}, each with the type the
 * TypeScript checker gave it. Code that walks expressions implements {@link Visitor}, so adding a
 * kind does not compile until every walker handles it.
 */
public sealed interface Expr extends Serializable {

    DataType type();

    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R visitRef(Ref e);

        R visitField(Field e);

        R visitLiteral(Literal e);

        R visitUnary(Unary e);

        R visitBinary(Binary e);

        R visitLogical(Logical e);

        R visitConditional(Conditional e);

        R visitConcat(Concat e);

        R visitCall(Call e);

        R visitBuiltin(Builtin e);

        R visitObject(ObjectExpr e);

        R visitCoerce(Coerce e);

        R visitLet(Let e);

        R visitLambda(Lambda e);

        R visitIndex(Index e);

        R visitState(StateRead e);

        R visitMapGet(MapGet e);

        R visitMapHas(MapHas e);

        R visitContext(Context e);

        R visitArray(ArrayLiteral e);
    }

    /** {@code ref}: a function parameter. */
    record Ref(DataType type, String name) implements Expr {
        public <R> R accept(Visitor<R> v) {
            return v.visitRef(this);
        }
    }

    /** {@code field}: {@code target.name}, or {@code target?.name} when {@code optional}. */
    record Field(DataType type, Expr target, String name, boolean optional) implements Expr {
        public <R> R accept(Visitor<R> v) {
            return v.visitField(this);
        }
    }

    /** {@code literal}: a String, Double (every JSON number), Boolean, or null. */
    record Literal(DataType type, Object value) implements Expr {
        public <R> R accept(Visitor<R> v) {
            return v.visitLiteral(this);
        }
    }

    record Unary(DataType type, String op, Expr operand) implements Expr {
        public <R> R accept(Visitor<R> v) {
            return v.visitUnary(this);
        }
    }

    record Binary(DataType type, String op, Expr left, Expr right) implements Expr {
        public <R> R accept(Visitor<R> v) {
            return v.visitBinary(this);
        }
    }

    record Logical(DataType type, String op, Expr left, Expr right) implements Expr {
        public <R> R accept(Visitor<R> v) {
            return v.visitLogical(this);
        }
    }

    record Conditional(DataType type, Expr test, Expr whenTrue, Expr whenFalse) implements Expr {
        public <R> R accept(Visitor<R> v) {
            return v.visitConditional(this);
        }
    }

    record Concat(DataType type, List<Expr> parts) implements Expr {
        public Concat {
            parts = List.copyOf(parts);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitConcat(this);
        }
    }

    record Call(DataType type, String method, Expr target, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitCall(this);
        }
    }

    /** {@code builtin}: a global function of JavaScript ({@code Math.max}, {@code parseInt}). */
    record Builtin(DataType type, String name, List<Expr> args) implements Expr {
        public Builtin {
            args = List.copyOf(args);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitBuiltin(this);
        }
    }

    record ObjectField(String name, Expr value) implements Serializable {}

    /** {@code object}: a new record of the named record {@code type}. */
    record ObjectExpr(DataType type, List<ObjectField> fields) implements Expr {
        public ObjectExpr {
            fields = List.copyOf(fields);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitObject(this);
        }
    }

    record Coerce(DataType type, Expr operand) implements Expr {
        public <R> R accept(Visitor<R> v) {
            return v.visitCoerce(this);
        }
    }

    /** {@code let}: {@code const name = value} scoped over {@code body}. */
    record Let(DataType type, String name, Expr value, Expr body) implements Expr {
        public <R> R accept(Visitor<R> v) {
            return v.visitLet(this);
        }
    }

    /** A parameter of a {@code lambda}. */
    record Param(String name, DataType type) implements Serializable {}

    /** {@code lambda}: an argument of an array method; its body may use the enclosing names. */
    record Lambda(DataType type, List<Param> params, Expr body) implements Expr {
        public Lambda {
            params = List.copyOf(params);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitLambda(this);
        }
    }

    /** {@code index}: {@code array[i]} or {@code map[k]}; null when there is no such item. */
    record Index(DataType type, Expr target, Expr index) implements Expr {
        public <R> R accept(Visitor<R> v) {
            return v.visitIndex(this);
        }
    }

    /** {@code state}: the current value of a process node's value state. */
    record StateRead(DataType type, String name) implements Expr {
        public <R> R accept(Visitor<R> v) {
            return v.visitState(this);
        }
    }

    /** {@code map-get}: the entry of a map state, or null. */
    record MapGet(DataType type, String state, Expr key) implements Expr {
        public <R> R accept(Visitor<R> v) {
            return v.visitMapGet(this);
        }
    }

    /** {@code map-has}: whether a map state has the entry. */
    record MapHas(DataType type, String state, Expr key) implements Expr {
        public <R> R accept(Visitor<R> v) {
            return v.visitMapHas(this);
        }
    }

    /** {@code context}: {@code timestamp} or {@code key} inside a process procedure. */
    record Context(DataType type, String name) implements Expr {
        public <R> R accept(Visitor<R> v) {
            return v.visitContext(this);
        }
    }

    /** {@code array}: an array literal {@code [a, b]} of {@code type}. */
    record ArrayLiteral(DataType type, List<Expr> items) implements Expr {
        public ArrayLiteral {
            items = List.copyOf(items);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitArray(this);
        }
    }
}
