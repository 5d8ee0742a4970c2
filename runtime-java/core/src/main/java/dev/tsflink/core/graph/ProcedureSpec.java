package dev.tsflink.core.graph;

import dev.tsflink.core.expr.Expr;
import dev.tsflink.core.expr.Stmt;

import java.io.Serializable;
import java.util.List;

/** A {@code process} node's {@code onElement} (param: the record) or {@code onTimer} (param: the time). */
public record ProcedureSpec(List<Expr.Param> params, List<Stmt> body) implements Serializable {

    public ProcedureSpec {
        params = List.copyOf(params);
        body = List.copyOf(body);
    }
}
