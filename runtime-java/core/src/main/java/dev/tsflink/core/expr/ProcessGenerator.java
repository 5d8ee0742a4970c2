package dev.tsflink.core.expr;

import dev.tsflink.core.expr.JavaFunctionGenerator.Value;
import dev.tsflink.core.graph.Node.FunctionSpec;
import dev.tsflink.core.graph.ProcedureSpec;
import dev.tsflink.core.graph.StateDecl;
import dev.tsflink.core.types.DataType;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.TimestampType;

import java.util.List;

/**
 * Generates a {@code process} node's {@link ProcessProcedures}: each statement becomes Java
 * statements, state and context reads become calls of the {@link ProcedureContext} the operator
 * passes in, and early {@code return}s are Java returns.
 */
public final class ProcessGenerator implements Stmt.Visitor<Void>, ProcedureScope {

    private final JavaFunctionGenerator g = new JavaFunctionGenerator();
    private final List<StateDecl> state;
    private final RecordType outputType;
    private final DataType keyType;
    /** Where the statement being generated is, e.g. {@code onElement.body[2]}. */
    private String path;

    private ProcessGenerator(List<StateDecl> state, RecordType outputType, DataType keyType) {
        this.state = state;
        this.outputType = outputType;
        this.keyType = keyType;
        g.procedure = this;
    }

    public static GeneratedFunction generate(String nodeId, FunctionSpec key, List<StateDecl> state, ProcedureSpec onElement,
            ProcedureSpec onTimer, RecordType inputType, RecordType outputType) {
        DataType keyType = JavaFunctionGenerator.keyType(key.body().type());
        ProcessGenerator p = new ProcessGenerator(state, outputType, keyType == null ? PrimitiveType.STRING : keyType);
        p.g.bind(onElement.params().get(0).name(), new Value("input", inputType));
        p.body(onElement.body(), "onElement.body");
        p.g.unbind();
        p.g.endMethod("public void onElement(org.apache.flink.types.Row input, dev.tsflink.core.expr.ProcedureContext ctx)");
        if (onTimer != null) {
            p.g.bind(onTimer.params().get(0).name(), new Value("time", TimestampType.INSTANCE));
            p.body(onTimer.body(), "onTimer.body");
            p.g.unbind();
        }
        p.g.endMethod("public void onTimer(long time, dev.tsflink.core.expr.ProcedureContext ctx)");
        return p.g.finish("Process_" + JavaFunctionGenerator.javaName(nodeId), ProcessProcedures.class);
    }

    /** A statement list; each {@code let} is in scope for the statements after it. */
    private void body(List<Stmt> statements, String listPath) {
        int lets = 0;
        for (int i = 0; i < statements.size(); i++) {
            path = listPath + "[" + i + "]";
            g.path = path;
            statements.get(i).accept(this);
            if (statements.get(i) instanceof Stmt.Let) {
                lets++;
            }
        }
        for (int i = 0; i < lets; i++) {
            g.unbind();
        }
    }

    private Value expr(Expr e, String field) {
        Value v = g.gen(e, path + "." + field);
        g.path = path + "." + field;
        return v;
    }

    /** A state at a statement's {@code field}: its position, or null (with a problem there). */
    private Integer stateIndex(String name, boolean map, String field) {
        g.path = path + "." + field;
        Integer i = stateIndexAt(name, map);
        g.path = path;
        return i;
    }

    /** A map state's key, generated at the statement's {@code key}. */
    private String mapKey(StateDecl decl, Expr key) {
        g.path = path;
        return mapKeyAt(decl, key);
    }

    // ------------------------------------------------------------------ statements

    @Override
    public Void visitLet(Stmt.Let s) {
        Value v = expr(s.value(), "value");
        g.bind(s.name(), v);
        return null;
    }

    @Override
    public Void visitIf(Stmt.If s) {
        Value test = expr(s.test(), "test");
        String ifPath = path;
        g.open("if (" + JavaFunctionGenerator.truthy(test) + ")");
        body(s.then(), ifPath + ".then");
        g.elseBranch();
        body(s.otherwise(), ifPath + ".else");
        g.close("}");
        path = ifPath;
        return null;
    }

    @Override
    public Void visitReturn(Stmt.Return s) {
        // "if (true)" keeps statements after an early return reachable for the Java compiler.
        g.line("if (true) return;");
        return null;
    }

    @Override
    public Void visitSetState(Stmt.SetState s) {
        Integer i = stateIndex(s.state(), false, "state");
        Value v = expr(s.value(), "value");
        if (i != null) {
            DataType t = state.get(i).type();
            g.line("ctx.setValue(" + i + ", " + JavaFunctionGenerator.asObject(new Value(g.convert(v, t), t)) + ");");
        }
        return null;
    }

    @Override
    public Void visitMapSet(Stmt.MapSet s) {
        Integer i = stateIndex(s.state(), true, "state");
        if (i == null) {
            return null;
        }
        String key = mapKey(state.get(i), s.key());
        Value v = expr(s.value(), "value");
        DataType t = state.get(i).type();
        g.line("ctx.mapPut(" + i + ", " + key + ", " + JavaFunctionGenerator.asObject(new Value(g.convert(v, t), t)) + ");");
        return null;
    }

    @Override
    public Void visitMapDelete(Stmt.MapDelete s) {
        Integer i = stateIndex(s.state(), true, "state");
        if (i != null) {
            g.line("ctx.mapRemove(" + i + ", " + mapKey(state.get(i), s.key()) + ");");
        }
        return null;
    }

    @Override
    public Void visitClearState(Stmt.ClearState s) {
        for (int i = 0; i < state.size(); i++) {
            if (state.get(i).name().equals(s.state())) {
                g.line("ctx.clear(" + i + ");");
                return null;
            }
        }
        g.path = path + ".state";
        g.problem("no state is named '" + s.state() + "'");
        return null;
    }

    @Override
    public Void visitEmit(Stmt.Emit s) {
        Value v = expr(s.value(), "value");
        g.line("ctx.emit(" + g.convert(v, outputType) + ");");
        return null;
    }

    @Override
    public Void visitTimer(Stmt.Timer s) {
        Value at = expr(s.at(), "at");
        g.line("ctx.timer(Js.toLong(" + g.asDouble(at) + ", " + g.where() + "));");
        return null;
    }

    // ------------------------------------------------------------------ expressions only procedures have

    @Override
    public Value state(Expr.StateRead e) {
        Integer i = stateIndexAt(e.name(), false);
        if (i == null) {
            return g.placeholder(e.type());
        }
        StateDecl decl = state.get(i);
        String raw = g.newLocal(PrimitiveType.NULL);
        g.line(raw + " = ctx.value(" + i + ");");
        String value = g.newLocal(decl.type());
        g.open("if (" + raw + " == dev.tsflink.core.expr.ProcedureContext.ABSENT)");
        String saved = g.path;
        Value initial = g.gen(decl.initial(), "state[" + i + "].initial");
        g.path = "state[" + i + "].initial";
        g.line(value + " = " + g.convert(initial, decl.type()) + ";");
        g.path = saved;
        g.elseBranch();
        g.line(value + " = " + unboxed(raw, decl.type()) + ";");
        g.close("}");
        return g.result(new Value(value, decl.type()), e.type());
    }

    @Override
    public Value mapGet(Expr.MapGet e) {
        Integer i = stateIndexAt(e.state(), true);
        if (i == null) {
            return g.placeholder(e.type());
        }
        StateDecl decl = state.get(i);
        String key = mapKeyAt(decl, e.key());
        DataType t = JavaFunctionGenerator.nullable(decl.type());
        return g.result(g.local("(" + JavaFunctionGenerator.boxedType(t) + ") ctx.mapGet(" + i + ", " + key + ")", t), e.type());
    }

    @Override
    public Value mapHas(Expr.MapHas e) {
        Integer i = stateIndexAt(e.state(), true);
        if (i == null) {
            return g.placeholder(e.type());
        }
        String key = mapKeyAt(state.get(i), e.key());
        return g.result(g.local("ctx.mapHas(" + i + ", " + key + ")", PrimitiveType.BOOLEAN), e.type());
    }

    @Override
    public Value context(Expr.Context e) {
        if (e.name().equals("timestamp")) {
            return g.result(g.local("ctx.timestamp()", TimestampType.INSTANCE), e.type());
        }
        return g.result(g.local(unboxed("ctx.key()", keyType), keyType), e.type());
    }

    /** The position of state {@code name}, or null (with a problem at the current path) when it is not one of that kind. */
    private Integer stateIndexAt(String name, boolean map) {
        for (int i = 0; i < state.size(); i++) {
            if (state.get(i).name().equals(name)) {
                if (state.get(i).map() != map) {
                    g.problem("'" + name + "' is a " + (map ? "value" : "map") + " state");
                    return null;
                }
                return i;
            }
        }
        g.problem("no state is named '" + name + "'");
        return null;
    }

    /** A map state's key as its declared key type; -0 is the key 0, as in a JavaScript Map. */
    private String mapKeyAt(StateDecl decl, Expr key) {
        String saved = g.path;
        Value k = g.gen(key, saved + ".key");
        g.path = saved + ".key";
        String code = g.convert(k, decl.keyType());
        g.path = saved;
        if (decl.keyType() == PrimitiveType.DOUBLE) {
            return "Double.valueOf(" + code + " == 0 ? 0.0 : " + code + ")";
        }
        return JavaFunctionGenerator.asObject(new Value(code, decl.keyType()));
    }

    /** An Object as a value of {@code t}: cast to its boxed class, unboxed when it is a non-null primitive. */
    private static String unboxed(String object, DataType t) {
        String cast = "(" + JavaFunctionGenerator.boxedType(t) + ") " + object;
        if (JavaFunctionGenerator.isPrimitive(t)) {
            return "(" + cast + ")." + JavaFunctionGenerator.javaType(t) + "Value()";
        }
        return cast;
    }
}
