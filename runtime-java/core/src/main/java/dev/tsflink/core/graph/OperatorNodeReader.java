package dev.tsflink.core.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tsflink.core.expr.Expr;
import dev.tsflink.core.expr.ExpressionException;
import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.expr.JavaFunctionGenerator;
import dev.tsflink.core.expr.ProcessGenerator;
import dev.tsflink.core.expr.Stmt;
import dev.tsflink.core.expr.WindowAggregateGenerator;
import dev.tsflink.core.graph.Node.BiFunctionSpec;
import dev.tsflink.core.graph.Node.FunctionSpec;
import dev.tsflink.core.types.ArrayType;
import dev.tsflink.core.types.DataType;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RecordField;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.TimestampType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads the operator node kinds ({@code flat-map}, {@code union}, {@code reduce},
 * {@code window-aggregate}, {@code interval-join}, {@code window-join}, {@code process}) with the
 * same rules as the rest of the loader: every problem reported with its path, and each user
 * function generated once as a type check.
 */
final class OperatorNodeReader {

    static final List<String> KINDS =
            List.of("flat-map", "union", "reduce", "window-aggregate", "interval-join", "window-join", "process");

    /** What every node has. */
    record Header(String id, String uid, String name, Location location, List<String> inputs, Integer parallelism) {}

    /** A function as the graph writes it, before its parameters are checked against the inputs. */
    private record RawFunction(List<Expr.Param> params, DataType returnType, Expr body) {}

    private final JobGraphLoader loader;
    private final List<String> problems;

    OperatorNodeReader(JobGraphLoader loader, List<String> problems) {
        this.loader = loader;
        this.problems = problems;
    }

    /**
     * The node of {@code kind}, or null when it has a problem. {@code inputs} are the input nodes
     * that exist and are not broken, in order; {@code inputsComplete} says whether that is all of them.
     */
    Node read(String kind, JsonObjectReader r, Header h, List<Node> inputs, boolean inputsComplete) {
        switch (kind) {
            case "flat-map":
                return flatMap(r, h, single(r, h, inputs, inputsComplete));
            case "union":
                return union(r, h, inputs, inputsComplete);
            case "reduce":
                return reduce(r, h, single(r, h, inputs, inputsComplete));
            case "window-aggregate":
                return windowAggregate(r, h, single(r, h, inputs, inputsComplete));
            case "interval-join":
            case "window-join":
                return join(kind, r, h, pair(r, h, inputs, inputsComplete));
            case "process":
                return process(r, h, single(r, h, inputs, inputsComplete));
            default:
                throw new IllegalArgumentException("not an operator kind: " + kind);
        }
    }

    // ---------------------------------------------------------------- inputs

    private static RecordType single(JsonObjectReader r, Header h, List<Node> inputs, boolean complete) {
        if (h.inputs().size() != 1) {
            r.problem("inputs", "expected 1 input, got " + h.inputs().size());
            return null;
        }
        return complete ? inputs.get(0).outputType() : null;
    }

    private static List<RecordType> pair(JsonObjectReader r, Header h, List<Node> inputs, boolean complete) {
        if (h.inputs().size() != 2) {
            r.problem("inputs", "expected 2 inputs [left, right], got " + h.inputs().size());
            return null;
        }
        return complete ? List.of(inputs.get(0).outputType(), inputs.get(1).outputType()) : null;
    }

    // ---------------------------------------------------------------- kinds

    private Node flatMap(JsonObjectReader r, Header h, RecordType input) {
        RecordType outputType = loader.recordType(r, "outputType");
        RawFunction fn = function(r, "fn", 1);
        if (fn == null || outputType == null) {
            return null;
        }
        if (fn.returnType() != null && !same(fn.returnType(), new ArrayType(outputType))) {
            problems.add(r.at("fn.returnType") + ": a flat-map returns an array of its outputType " + outputType.describe()
                    + ", not " + fn.returnType().describe());
            return null;
        }
        FunctionSpec spec = recordFunction(r, "fn", fn, input, "the input");
        if (spec == null) {
            return null;
        }
        return generated(r, h.location(), () -> JavaFunctionGenerator.generateFlatMap(h.id(), spec, outputType),
                () -> new FlatMapNode(h.id(), h.uid(), h.name(), h.location(), h.inputs(), h.parallelism(), spec, outputType));
    }

    private Node union(JsonObjectReader r, Header h, List<Node> inputs, boolean complete) {
        RecordType outputType = loader.recordType(r, "outputType");
        if (h.inputs().size() < 2) {
            r.problem("inputs", "a union has two or more inputs, got " + h.inputs().size());
            return null;
        }
        if (outputType == null || !complete) {
            return null;
        }
        boolean ok = true;
        for (int i = 0; i < inputs.size(); i++) {
            RecordType t = inputs.get(i).outputType();
            if (!same(t, outputType)) {
                r.problem("inputs[" + i + "]", "'" + inputs.get(i).id() + "' emits " + t.describe()
                        + ", not the union's outputType " + outputType.describe());
                ok = false;
            }
        }
        return ok ? new UnionNode(h.id(), h.uid(), h.name(), h.location(), h.inputs(), h.parallelism(), outputType) : null;
    }

    private Node reduce(JsonObjectReader r, Header h, RecordType input) {
        RecordType outputType = loader.recordType(r, "outputType");
        FunctionSpec key = key(r, h, "key", input);
        RawFunction fn = function(r, "fn", 2);
        if (input != null && outputType != null && !same(input, outputType)) {
            r.problem("outputType", "a reduce emits its input's type " + input.describe() + ", not " + outputType.describe());
            return null;
        }
        if (fn == null || outputType == null || key == null) {
            return null;
        }
        if (fn.returnType() != null && !same(fn.returnType(), outputType)) {
            problems.add(r.at("fn.returnType") + ": " + fn.returnType().describe() + " differs from outputType " + outputType.describe());
            return null;
        }
        BiFunctionSpec spec = biFunction(r, "fn", fn, outputType, outputType);
        if (spec == null) {
            return null;
        }
        return generated(r, h.location(), () -> JavaFunctionGenerator.generateCombine(h.id(), "Reduce", spec, outputType),
                () -> new ReduceNode(h.id(), h.uid(), h.name(), h.location(), h.inputs(), h.parallelism(), key, spec, outputType));
    }

    private Node windowAggregate(JsonObjectReader r, Header h, RecordType input) {
        RecordType outputType = loader.recordType(r, "outputType");
        FunctionSpec key = key(r, h, "key", input);
        WindowSpec window = window(r.object("window"));
        long allowedLateness = r.integer("allowedLatenessMs", 0, Long.MAX_VALUE, 0);
        LateSpec late = null;
        JsonNode lateJson = r.raw("late");
        if (lateJson != null && !lateJson.isNull()) {
            JsonObjectReader l = JsonObjectReader.of(lateJson, r.owner(), "late", problems);
            if (l != null) {
                KafkaSinkSpec sink = loader.readSinkSpec(l.object("sink"));
                Format format = JobGraphLoader.format(l);
                l.finish();
                late = sink == null || format == null ? null : new LateSpec(sink, format);
            }
        }
        List<AggregateSpec> aggregates = new ArrayList<>();
        boolean ok = true;
        List<JsonNode> raw = r.array("aggregates");
        if (raw.isEmpty()) {
            r.problem("aggregates", "a window-aggregate needs at least one aggregate");
            ok = false;
        }
        Set<String> names = new HashSet<>();
        DataType keyType = key == null ? null : JavaFunctionGenerator.keyType(key.body().type());
        for (int i = 0; i < raw.size(); i++) {
            AggregateSpec a = aggregate(raw.get(i), r.owner(), "aggregates[" + i + "]", input, keyType, names);
            if (a == null) {
                ok = false;
            } else {
                aggregates.add(a);
            }
        }
        if (ok && outputType != null) {
            ok = outputMatches(r, outputType, aggregates);
        }
        if (!ok || key == null || window == null || outputType == null || input == null
                || (lateJson != null && !lateJson.isNull() && late == null)) {
            return null;
        }
        LateSpec lateSpec = late;
        return generated(r, h.location(), () -> WindowAggregateGenerator.generate(h.id(), input, aggregates,
                        window.eventTime() ? EventTimeField.of(loader::node, h.inputs().get(0)) : -1),
                () -> new WindowAggregateNode(h.id(), h.uid(), h.name(), h.location(), h.inputs(), h.parallelism(),
                        key, window, allowedLateness, lateSpec, aggregates, outputType));
    }

    /** The output record has one field per aggregate, same name and type, in order. */
    private boolean outputMatches(JsonObjectReader r, RecordType outputType, List<AggregateSpec> aggregates) {
        List<RecordField> fields = outputType.fields();
        if (fields.size() != aggregates.size()) {
            r.problem("outputType", outputType.name() + " has " + fields.size() + " fields but there are "
                    + aggregates.size() + " aggregates");
            return false;
        }
        boolean ok = true;
        for (int i = 0; i < fields.size(); i++) {
            AggregateSpec a = aggregates.get(i);
            if (!fields.get(i).name().equals(a.name()) || !same(fields.get(i).type(), a.type())) {
                r.problem("aggregates[" + i + "]", "'" + a.name() + "' of type " + a.type().describe() + " but "
                        + outputType.name() + "'s field " + i + " is '" + fields.get(i).name() + "' of type "
                        + fields.get(i).type().describe());
                ok = false;
            }
        }
        return ok;
    }

    private AggregateSpec aggregate(JsonNode json, String owner, String path, RecordType input, DataType keyType, Set<String> names) {
        JsonObjectReader a = JsonObjectReader.of(json, owner, path, problems);
        if (a == null) {
            return null;
        }
        int before = problems.size();
        String name = a.string("name");
        if (name != null && !JobGraphLoader.isIdentifier(name)) {
            a.problem("name", "'" + name + "' is not an identifier");
        } else if (name != null && !names.add(name)) {
            a.problem("name", "another aggregate is named '" + name + "'");
        }
        String opName = a.oneOf("op", Arrays.stream(AggregateSpec.Op.values()).map(AggregateSpec.Op::graphName).toArray(String[]::new));
        AggregateSpec.Op op = opName == null ? null : AggregateSpec.Op.byGraphName(opName);
        DataType type = loader.readType(a.raw("type"), owner, path + ".type");
        JsonNode fnJson = a.raw("fn");
        FunctionSpec fn = null;
        if (op != null && fnJson != null) {
            if (op.takesFunction() && fnJson.isNull()) {
                a.problem("fn", "'" + opName + "' reads a value of each record: fn must be a function");
            } else if (!op.takesFunction() && !fnJson.isNull()) {
                a.problem("fn", "'" + opName + "' takes no function: fn must be null");
            } else if (op.takesFunction()) {
                JsonObjectReader f = JsonObjectReader.of(fnJson, owner, path + ".fn", problems);
                RawFunction raw = f == null ? null : function(f, 1);
                fn = raw == null ? null : recordFunction(a, "fn", raw, input, "the input");
            }
        }
        a.finish();
        if (op == null || type == null || name == null || problems.size() != before) {
            return null;
        }
        String problem = aggregateTypeProblem(op, fn, type, keyType);
        if (problem != null) {
            a.problem("type", problem);
            return null;
        }
        if (op.takesFunction() && fn == null) {
            return null;
        }
        return new AggregateSpec(name, op, fn, type);
    }

    /** The README's table of aggregates: what each op reads and the type it gives. */
    private static String aggregateTypeProblem(AggregateSpec.Op op, FunctionSpec fn, DataType type, DataType keyType) {
        DataType value = fn == null ? null : fn.body().type();
        switch (op) {
            case COUNT:
            case COUNT_DISTINCT:
                if (op == AggregateSpec.Op.COUNT_DISTINCT && value != null && JavaFunctionGenerator.keyType(value) == null) {
                    return "countDistinct counts primitive values, not " + value.describe();
                }
                return type == PrimitiveType.LONG ? null : op.graphName() + " has type long, not " + type.describe();
            case SUM:
            case AVG:
                if (value != null && !isNumber(value.nonNull())) {
                    return op.graphName() + " reads numbers, not " + value.describe();
                }
                return type == PrimitiveType.DOUBLE ? null : op.graphName() + " has type double, not " + type.describe();
            case MIN:
            case MAX:
                if (value != null && !isNumber(value.nonNull())) {
                    return op.graphName() + " reads numbers or timestamps, not " + value.describe();
                }
                return value == null || type.equals(value.nonNull()) ? null
                        : op.graphName() + " has its value's type " + value.nonNull().describe() + ", not " + type.describe();
            case FIRST:
            case LAST:
                return value == null || type.equals(value) ? null
                        : op.graphName() + " has its value's type " + value.describe() + ", not " + type.describe();
            case KEY:
                return keyType == null || type.equals(keyType) ? null
                        : "key has the key's type " + keyType.describe() + ", not " + type.describe();
            default:
                return type instanceof TimestampType ? null
                        : op.graphName() + " has type " + TimestampType.INSTANCE.describe() + ", not " + type.describe();
        }
    }

    private static boolean isNumber(DataType t) {
        return t == PrimitiveType.DOUBLE || t == PrimitiveType.INT || t == PrimitiveType.LONG || t instanceof TimestampType;
    }

    private Node join(String kind, JsonObjectReader r, Header h, List<RecordType> inputs) {
        RecordType outputType = loader.recordType(r, "outputType");
        RecordType left = inputs == null ? null : inputs.get(0);
        RecordType right = inputs == null ? null : inputs.get(1);
        FunctionSpec leftKey = key(r, h, "leftKey", left);
        FunctionSpec rightKey = key(r, h, "rightKey", right);
        long lower = 0;
        long upper = 0;
        WindowSpec window = null;
        if (kind.equals("interval-join")) {
            lower = r.integer("lowerMs", Long.MIN_VALUE, Long.MAX_VALUE, 0);
            upper = r.integer("upperMs", Long.MIN_VALUE, Long.MAX_VALUE, 0);
            if (lower > upper) {
                r.problem("upperMs", upper + " is below lowerMs " + lower + ": no pair could match");
            }
        } else {
            window = window(r.object("window"));
        }
        RawFunction fn = function(r, "fn", 2);
        if (leftKey != null && rightKey != null) {
            DataType lk = JavaFunctionGenerator.keyType(leftKey.body().type());
            DataType rk = JavaFunctionGenerator.keyType(rightKey.body().type());
            if (lk != null && rk != null && !lk.equals(rk)) {
                r.problem("rightKey", "the keys must have one type: leftKey gives " + lk.describe() + ", rightKey " + rk.describe());
                return null;
            }
        }
        if (fn == null || outputType == null || leftKey == null || rightKey == null || inputs == null
                || (kind.equals("window-join") && window == null)) {
            return null;
        }
        if (fn.returnType() != null && !same(fn.returnType(), outputType)) {
            problems.add(r.at("fn.returnType") + ": " + fn.returnType().describe() + " differs from outputType " + outputType.describe());
            return null;
        }
        BiFunctionSpec spec = biFunction(r, "fn", fn, left, right);
        if (spec == null) {
            return null;
        }
        long lowerMs = lower;
        long upperMs = upper;
        WindowSpec w = window;
        return generated(r, h.location(), () -> JavaFunctionGenerator.generateCombine(h.id(), "Join", spec, outputType),
                () -> kind.equals("interval-join")
                        ? new IntervalJoinNode(h.id(), h.uid(), h.name(), h.location(), h.inputs(), h.parallelism(),
                                leftKey, rightKey, lowerMs, upperMs, spec, outputType)
                        : new WindowJoinNode(h.id(), h.uid(), h.name(), h.location(), h.inputs(), h.parallelism(),
                                leftKey, rightKey, w, spec, outputType));
    }

    private Node process(JsonObjectReader r, Header h, RecordType input) {
        RecordType outputType = loader.recordType(r, "outputType");
        FunctionSpec key = key(r, h, "key", input);
        List<StateDecl> state = new ArrayList<>();
        boolean ok = true;
        Set<String> names = new HashSet<>();
        List<JsonNode> raw = r.array("state");
        for (int i = 0; i < raw.size(); i++) {
            StateDecl s = stateDecl(raw.get(i), r.owner(), "state[" + i + "]", names);
            if (s == null) {
                ok = false;
            } else {
                state.add(s);
            }
        }
        ProcedureSpec onElement = procedure(r.object("onElement"), r.owner(), "onElement");
        ProcedureSpec onTimer = null;
        JsonNode timerJson = r.raw("onTimer");
        if (timerJson != null && !timerJson.isNull()) {
            onTimer = procedure(JsonObjectReader.of(timerJson, r.owner(), "onTimer", problems), r.owner(), "onTimer");
            ok &= onTimer != null;
        }
        if (onElement != null && input != null && onElement.params().size() == 1
                && !same(onElement.params().get(0).type(), input)) {
            problems.add(r.at("onElement.params[0].type") + ": the parameter has type "
                    + onElement.params().get(0).type().describe() + " but the input emits " + input.describe());
            ok = false;
        }
        if (onElement != null && onElement.params().size() != 1) {
            r.problem("onElement.params", "onElement takes the record, got " + onElement.params().size() + " parameters");
            ok = false;
        }
        if (onTimer != null && (onTimer.params().size() != 1 || !isNumber(onTimer.params().get(0).type()))) {
            r.problem("onTimer.params", "onTimer takes the timer's time (a timestamp)");
            ok = false;
        }
        if (!ok || onElement == null || key == null || outputType == null || input == null) {
            return null;
        }
        ProcedureSpec timer = onTimer;
        return generated(r, h.location(), () -> ProcessGenerator.generate(h.id(), key, state, onElement, timer, input, outputType),
                () -> new ProcessNode(h.id(), h.uid(), h.name(), h.location(), h.inputs(), h.parallelism(),
                        key, state, onElement, timer, outputType));
    }

    private StateDecl stateDecl(JsonNode json, String owner, String path, Set<String> names) {
        JsonObjectReader s = JsonObjectReader.of(json, owner, path, problems);
        if (s == null) {
            return null;
        }
        int before = problems.size();
        String name = s.string("name");
        if (name != null && !JobGraphLoader.isJsName(name)) {
            s.problem("name", "'" + name + "' is not a JavaScript identifier");
        } else if (name != null && !names.add(name)) {
            s.problem("name", "another state is named '" + name + "'");
        }
        String kind = s.oneOf("kind", "value", "map");
        DataType type = loader.readType(s.raw("type"), owner, path + ".type");
        DataType keyType = null;
        Expr initial = null;
        if ("map".equals(kind)) {
            String k = s.oneOf("keyType", "string", "int", "long", "double", "boolean");
            keyType = k == null ? null : PrimitiveType.byAvroName(k);
        } else if ("value".equals(kind)) {
            initial = new ExprReader(loader, owner, problems).read(s.raw("initial"), path + ".initial");
            if (initial != null && !isConstant(initial)) {
                s.problem("initial", "an initial value is a literal or an object of literals");
            }
        }
        if (kind != null) {
            s.finish();
        }
        if (name == null || kind == null || type == null || problems.size() != before) {
            return null;
        }
        return new StateDecl(name, kind.equals("map"), keyType, type, initial);
    }

    private static boolean isConstant(Expr e) {
        if (e instanceof Expr.Literal) {
            return true;
        }
        if (e instanceof Expr.ObjectExpr o) {
            return o.fields().stream().allMatch(f -> isConstant(f.value()));
        }
        if (e instanceof Expr.ArrayLiteral a) {
            return a.items().stream().allMatch(OperatorNodeReader::isConstant);
        }
        return false;
    }

    private ProcedureSpec procedure(JsonObjectReader p, String owner, String path) {
        if (p == null) {
            return null;
        }
        ExprReader exprs = new ExprReader(loader, owner, problems);
        List<Expr.Param> params = exprs.params(p, path);
        List<Stmt> body = statements(p, "body", path, exprs);
        p.finish();
        return params == null || body == null ? null : new ProcedureSpec(params, body);
    }

    private List<Stmt> statements(JsonObjectReader r, String key, String path, ExprReader exprs) {
        List<JsonNode> raw = r.array(key);
        List<Stmt> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < raw.size(); i++) {
            Stmt s = statement(raw.get(i), path + "." + key + "[" + i + "]", exprs);
            if (s == null) {
                ok = false;
            } else {
                out.add(s);
            }
        }
        return ok ? out : null;
    }

    private Stmt statement(JsonNode json, String path, ExprReader exprs) {
        JsonObjectReader s = JsonObjectReader.of(json, exprs.owner(), path, problems);
        if (s == null) {
            return null;
        }
        String kind = s.oneOf("kind", "let", "if", "return", "set-state", "map-set", "map-delete", "clear-state", "emit", "timer");
        if (kind == null) {
            return null;
        }
        Stmt stmt;
        switch (kind) {
            case "let": {
                String name = s.string("name");
                if (name != null && !JobGraphLoader.isJsName(name)) {
                    s.problem("name", "'" + name + "' is not a JavaScript identifier");
                    name = null;
                }
                Expr value = exprs.read(s.raw("value"), path + ".value");
                stmt = name == null || value == null ? null : new Stmt.Let(name, value);
                break;
            }
            case "if": {
                Expr test = exprs.read(s.raw("test"), path + ".test");
                List<Stmt> then = statements(s, "then", path, exprs);
                List<Stmt> otherwise = statements(s, "else", path, exprs);
                stmt = test == null || then == null || otherwise == null ? null : new Stmt.If(test, then, otherwise);
                break;
            }
            case "return":
                stmt = new Stmt.Return();
                break;
            case "set-state": {
                String state = s.string("state");
                Expr value = exprs.read(s.raw("value"), path + ".value");
                stmt = state == null || value == null ? null : new Stmt.SetState(state, value);
                break;
            }
            case "map-set": {
                String state = s.string("state");
                Expr k = exprs.read(s.raw("key"), path + ".key");
                Expr value = exprs.read(s.raw("value"), path + ".value");
                stmt = state == null || k == null || value == null ? null : new Stmt.MapSet(state, k, value);
                break;
            }
            case "map-delete": {
                String state = s.string("state");
                Expr k = exprs.read(s.raw("key"), path + ".key");
                stmt = state == null || k == null ? null : new Stmt.MapDelete(state, k);
                break;
            }
            case "clear-state": {
                String state = s.string("state");
                stmt = state == null ? null : new Stmt.ClearState(state);
                break;
            }
            case "emit": {
                Expr value = exprs.read(s.raw("value"), path + ".value");
                stmt = value == null ? null : new Stmt.Emit(value);
                break;
            }
            default: {
                Expr at = exprs.read(s.raw("at"), path + ".at");
                stmt = at == null ? null : new Stmt.Timer(at);
            }
        }
        s.finish();
        return stmt;
    }

    private WindowSpec window(JsonObjectReader w) {
        if (w == null) {
            return null;
        }
        String kind = w.oneOf("kind", "tumbling", "sliding", "session");
        long size = 0;
        long slide = 0;
        long gap = 0;
        if ("tumbling".equals(kind) || "sliding".equals(kind)) {
            size = w.integer("sizeMs", 1, Long.MAX_VALUE, 1);
        }
        if ("sliding".equals(kind)) {
            slide = w.integer("slideMs", 1, Long.MAX_VALUE, 1);
        }
        if ("session".equals(kind)) {
            gap = w.integer("gapMs", 1, Long.MAX_VALUE, 1);
        }
        String time = w.oneOf("time", "event", "processing");
        if (kind == null) {
            return null;
        }
        w.finish();
        return time == null ? null
                : new WindowSpec(WindowSpec.Kind.valueOf(kind.toUpperCase(Locale.ROOT)), size, slide, gap, time.equals("event"));
    }

    // ---------------------------------------------------------------- functions

    /** Equal types, or records of other names with the same fields: rows of one are rows of the other. */
    private static boolean same(DataType a, DataType b) {
        return JavaFunctionGenerator.sameShape(a, b);
    }

    /** {@code r[key]} as a function of {@code arity} parameters, or null (with problems). */
    private RawFunction function(JsonObjectReader r, String key, int arity) {
        JsonObjectReader fn = r.object(key);
        return fn == null ? null : function(fn, arity);
    }

    private RawFunction function(JsonObjectReader fn, int arity) {
        ExprReader exprs = new ExprReader(loader, fn.owner(), problems);
        String path = fn.path();
        List<Expr.Param> params = exprs.params(fn, path);
        DataType returnType = loader.readType(fn.raw("returnType"), fn.owner(), path + ".returnType");
        Expr body = exprs.read(fn.raw("body"), path + ".body");
        fn.finish();
        if (params != null && params.size() != arity) {
            fn.problem("params", "takes exactly " + arity + " parameter" + (arity == 1 ? "" : "s") + ", got " + params.size());
            return null;
        }
        if (params == null || body == null) {
            return null;
        }
        return new RawFunction(params, returnType, body);
    }

    /** A one-parameter function of {@code input}'s records. */
    private FunctionSpec recordFunction(JsonObjectReader r, String key, RawFunction fn, RecordType input, String what) {
        Expr.Param p = fn.params().get(0);
        if (input != null && !same(p.type(), input)) {
            problems.add(r.at(key + ".params[0].type") + ": the parameter has type " + p.type().describe()
                    + " but " + what + " emits " + input.describe());
            return null;
        }
        if (input == null) {
            return null;
        }
        return new FunctionSpec(p.name(), input, fn.body());
    }

    private BiFunctionSpec biFunction(JsonObjectReader r, String key, RawFunction fn, RecordType left, RecordType right) {
        Expr.Param l = fn.params().get(0);
        Expr.Param rt = fn.params().get(1);
        boolean ok = true;
        if (!same(l.type(), left)) {
            problems.add(r.at(key + ".params[0].type") + ": the parameter has type " + l.type().describe()
                    + " but must be " + left.describe());
            ok = false;
        }
        if (!same(rt.type(), right)) {
            problems.add(r.at(key + ".params[1].type") + ": the parameter has type " + rt.type().describe()
                    + " but must be " + right.describe());
            ok = false;
        }
        return ok ? new BiFunctionSpec(l.name(), left, rt.name(), right, fn.body()) : null;
    }

    /** A key function ({@code key}, {@code leftKey}, {@code rightKey}) of {@code input}'s records, generated once. */
    private FunctionSpec key(JsonObjectReader r, Header h, String field, RecordType input) {
        RawFunction fn = function(r, field, 1);
        if (fn == null) {
            return null;
        }
        if (fn.returnType() != null) {
            DataType k = fn.returnType().nonNull();
            if (JavaFunctionGenerator.keyType(k) == null || fn.returnType().isNullable()) {
                problems.add(r.at(field + ".returnType") + ": a key is a string, number, boolean, timestamp or enum, not "
                        + fn.returnType().describe());
                return null;
            }
        }
        FunctionSpec spec = recordFunction(r, field, fn, input, "the input");
        if (spec == null) {
            return null;
        }
        try {
            return JobGraphLoader.compiles(JavaFunctionGenerator.generateKey(h.id(), field, spec), r, h.location(), problems) ? spec : null;
        } catch (ExpressionException e) {
            report(r, e);
            return null;
        }
    }

    /** Builds the node once its code generates; otherwise reports the generator's problems. */
    private Node generated(JsonObjectReader r, Location location, Supplier<GeneratedFunction> generate, Supplier<Node> node) {
        try {
            return JobGraphLoader.compiles(generate.get(), r, location, problems) ? node.get() : null;
        } catch (ExpressionException e) {
            report(r, e);
            return null;
        }
    }

    private void report(JsonObjectReader r, ExpressionException e) {
        for (ExpressionException.Problem p : e.problems()) {
            problems.add(r.at(p.path()) + ": " + p.message());
        }
    }
}
