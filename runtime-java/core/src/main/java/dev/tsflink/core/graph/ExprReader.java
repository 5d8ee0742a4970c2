package dev.tsflink.core.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tsflink.core.expr.Expr;
import dev.tsflink.core.expr.JsBuiltin;
import dev.tsflink.core.expr.JsMethod;
import dev.tsflink.core.types.DataType;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the expression IR of a user function. Shapes are checked here (kinds, operators, methods,
 * required fields); types and names are checked by the code generator, which knows the scope.
 */
final class ExprReader {

    private static final List<String> UNARY_OPS = List.of("!", "-", "+");
    private static final List<String> BINARY_OPS =
            List.of("+", "-", "*", "/", "%", "<", "<=", ">", ">=", "===", "!==");
    private static final List<String> LOGICAL_OPS = List.of("&&", "||", "??");

    private final JobGraphLoader types;
    private final String owner;
    private final List<String> problems;

    ExprReader(JobGraphLoader types, String owner, List<String> problems) {
        this.types = types;
        this.owner = owner;
        this.problems = problems;
    }

    String owner() {
        return owner;
    }

    /** The expression at {@code path}, or null when it has a problem (which is recorded). */
    Expr read(JsonNode json, String path) {
        if (json == null) {
            return null;
        }
        JsonObjectReader r = JsonObjectReader.of(json, owner, path, problems);
        if (r == null) {
            return null;
        }
        String kind = r.string("kind");
        if (kind == null) {
            return null;
        }
        DataType type = types.readType(r.raw("type"), owner, path + ".type");
        Expr e;
        switch (kind) {
            case "ref": {
                String name = r.string("name");
                e = name == null ? null : new Expr.Ref(type, name);
                break;
            }
            case "field": {
                Expr target = read(r.raw("target"), path + ".target");
                String name = r.string("name");
                boolean optional = r.bool("optional");
                e = target == null || name == null ? null : new Expr.Field(type, target, name, optional);
                break;
            }
            case "literal": {
                JsonNode v = r.raw("value");
                Object value = null;
                boolean ok = v != null;
                if (v != null && v.isTextual()) {
                    value = v.asText();
                } else if (v != null && v.isNumber()) {
                    value = v.asDouble();
                } else if (v != null && v.isBoolean()) {
                    value = v.asBoolean();
                } else if (v != null && !v.isNull()) {
                    r.problem("value", "a literal is a string, number, boolean or null, not " + JsonObjectReader.describe(v));
                    ok = false;
                }
                e = ok ? new Expr.Literal(type, value) : null;
                break;
            }
            case "unary": {
                String op = op(r, UNARY_OPS);
                Expr operand = read(r.raw("operand"), path + ".operand");
                e = op == null || operand == null ? null : new Expr.Unary(type, op, operand);
                break;
            }
            case "binary": {
                String op = op(r, BINARY_OPS);
                Expr left = read(r.raw("left"), path + ".left");
                Expr right = read(r.raw("right"), path + ".right");
                e = op == null || left == null || right == null ? null : new Expr.Binary(type, op, left, right);
                break;
            }
            case "logical": {
                String op = op(r, LOGICAL_OPS);
                Expr left = read(r.raw("left"), path + ".left");
                Expr right = read(r.raw("right"), path + ".right");
                e = op == null || left == null || right == null ? null : new Expr.Logical(type, op, left, right);
                break;
            }
            case "conditional": {
                Expr test = read(r.raw("test"), path + ".test");
                Expr whenTrue = read(r.raw("whenTrue"), path + ".whenTrue");
                Expr whenFalse = read(r.raw("whenFalse"), path + ".whenFalse");
                e = test == null || whenTrue == null || whenFalse == null
                        ? null : new Expr.Conditional(type, test, whenTrue, whenFalse);
                break;
            }
            case "concat": {
                List<Expr> parts = list(r, "parts", path);
                e = parts == null ? null : new Expr.Concat(type, parts);
                break;
            }
            case "call": {
                String method = r.string("method");
                if (method != null && JsMethod.byName(method) == null) {
                    r.problem("method", "unknown method '" + method + "'");
                    method = null;
                }
                Expr target = read(r.raw("target"), path + ".target");
                List<Expr> args = list(r, "args", path);
                e = method == null || target == null || args == null ? null : new Expr.Call(type, method, target, args);
                break;
            }
            case "builtin": {
                String name = r.string("name");
                if (name != null && JsBuiltin.byName(name) == null) {
                    r.problem("name", "unknown builtin '" + name + "'");
                    name = null;
                }
                List<Expr> args = list(r, "args", path);
                e = name == null || args == null ? null : new Expr.Builtin(type, name, args);
                break;
            }
            case "object": {
                List<Expr.ObjectField> fields = new ArrayList<>();
                boolean ok = true;
                List<JsonNode> raw = r.array("fields");
                for (int i = 0; i < raw.size(); i++) {
                    String fieldPath = path + ".fields[" + i + "]";
                    JsonObjectReader f = JsonObjectReader.of(raw.get(i), owner, fieldPath, problems);
                    if (f == null) {
                        ok = false;
                        continue;
                    }
                    String name = f.string("name");
                    Expr value = read(f.raw("value"), fieldPath + ".value");
                    f.finish();
                    if (name == null || value == null) {
                        ok = false;
                    } else {
                        fields.add(new Expr.ObjectField(name, value));
                    }
                }
                e = ok ? new Expr.ObjectExpr(type, fields) : null;
                break;
            }
            case "coerce": {
                Expr operand = read(r.raw("operand"), path + ".operand");
                e = operand == null ? null : new Expr.Coerce(type, operand);
                break;
            }
            case "let": {
                String name = jsName(r, "name");
                Expr value = read(r.raw("value"), path + ".value");
                Expr body = read(r.raw("body"), path + ".body");
                e = name == null || value == null || body == null ? null : new Expr.Let(type, name, value, body);
                break;
            }
            case "lambda": {
                List<Expr.Param> params = params(r, path);
                Expr body = read(r.raw("body"), path + ".body");
                e = params == null || body == null ? null : new Expr.Lambda(type, params, body);
                break;
            }
            case "array": {
                List<Expr> items = list(r, "items", path);
                e = items == null ? null : new Expr.ArrayLiteral(type, items);
                break;
            }
            case "index": {
                Expr target = read(r.raw("target"), path + ".target");
                Expr index = read(r.raw("index"), path + ".index");
                e = target == null || index == null ? null : new Expr.Index(type, target, index);
                break;
            }
            case "state": {
                String name = jsName(r, "name");
                e = name == null ? null : new Expr.StateRead(type, name);
                break;
            }
            case "map-get":
            case "map-has": {
                String state = jsName(r, "state");
                Expr key = read(r.raw("key"), path + ".key");
                e = state == null || key == null ? null
                        : kind.equals("map-get") ? new Expr.MapGet(type, state, key) : new Expr.MapHas(type, state, key);
                break;
            }
            case "context": {
                String name = r.oneOf("name", "timestamp", "key");
                e = name == null ? null : new Expr.Context(type, name);
                break;
            }
            default:
                r.problem("kind", "unknown expression kind '" + kind + "'");
                return null;
        }
        r.finish();
        return type == null ? null : e;
    }

    /** A name the compiler takes from the TypeScript source: a parameter, a {@code let}, a state. */
    static String jsName(JsonObjectReader r, String key) {
        String name = r.string(key);
        if (name != null && !JobGraphLoader.isJsName(name)) {
            r.problem(key, "'" + name + "' is not a JavaScript identifier");
            return null;
        }
        return name;
    }

    /** A parameter list {@code [{"name", "type"}, ...]}, or null when one has a problem. */
    List<Expr.Param> params(JsonObjectReader r, String path) {
        List<JsonNode> raw = r.array("params");
        List<Expr.Param> params = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < raw.size(); i++) {
            String paramPath = path + ".params[" + i + "]";
            JsonObjectReader p = JsonObjectReader.of(raw.get(i), owner, paramPath, problems);
            if (p == null) {
                ok = false;
                continue;
            }
            String name = jsName(p, "name");
            DataType type = types.readType(p.raw("type"), owner, paramPath + ".type");
            p.finish();
            if (name == null || type == null) {
                ok = false;
            } else {
                params.add(new Expr.Param(name, type));
            }
        }
        return ok ? params : null;
    }

    private static String op(JsonObjectReader r, List<String> allowed) {
        return r.oneOf("op", allowed.toArray(new String[0]));
    }

    private List<Expr> list(JsonObjectReader r, String key, String path) {
        List<JsonNode> raw = r.array(key);
        List<Expr> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < raw.size(); i++) {
            Expr e = read(raw.get(i), path + "." + key + "[" + i + "]");
            if (e == null) {
                ok = false;
            } else {
                out.add(e);
            }
        }
        return ok ? out : null;
    }
}
