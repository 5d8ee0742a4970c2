package dev.tsflink.core.expr;

import java.io.Serializable;
import java.util.List;

/**
 * A statement of a process node's procedure ({@code onElement}, {@code onTimer}). Walkers
 * implement {@link Visitor}, so a new kind does not compile until every walker handles it.
 */
public sealed interface Stmt extends Serializable {

    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R visitLet(Let s);

        R visitIf(If s);

        R visitReturn(Return s);

        R visitSetState(SetState s);

        R visitMapSet(MapSet s);

        R visitMapDelete(MapDelete s);

        R visitClearState(ClearState s);

        R visitEmit(Emit s);

        R visitTimer(Timer s);
    }

    /** Binds {@code name} for the statements after it in the same list. */
    record Let(String name, Expr value) implements Stmt {
        public <R> R accept(Visitor<R> v) {
            return v.visitLet(this);
        }
    }

    record If(Expr test, List<Stmt> then, List<Stmt> otherwise) implements Stmt {
        public If {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitIf(this);
        }
    }

    record Return() implements Stmt {
        public <R> R accept(Visitor<R> v) {
            return v.visitReturn(this);
        }
    }

    record SetState(String state, Expr value) implements Stmt {
        public <R> R accept(Visitor<R> v) {
            return v.visitSetState(this);
        }
    }

    record MapSet(String state, Expr key, Expr value) implements Stmt {
        public <R> R accept(Visitor<R> v) {
            return v.visitMapSet(this);
        }
    }

    record MapDelete(String state, Expr key) implements Stmt {
        public <R> R accept(Visitor<R> v) {
            return v.visitMapDelete(this);
        }
    }

    record ClearState(String state) implements Stmt {
        public <R> R accept(Visitor<R> v) {
            return v.visitClearState(this);
        }
    }

    record Emit(Expr value) implements Stmt {
        public <R> R accept(Visitor<R> v) {
            return v.visitEmit(this);
        }
    }

    record Timer(Expr at) implements Stmt {
        public <R> R accept(Visitor<R> v) {
            return v.visitTimer(this);
        }
    }
}
