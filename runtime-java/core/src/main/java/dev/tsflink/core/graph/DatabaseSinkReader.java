package dev.tsflink.core.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tsflink.core.expr.Expr;
import dev.tsflink.core.expr.ExpressionException;
import dev.tsflink.core.expr.JavaFunctionGenerator;
import dev.tsflink.core.graph.Node.FunctionSpec;
import dev.tsflink.core.types.ArrayType;
import dev.tsflink.core.types.DataType;
import dev.tsflink.core.types.EnumType;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RecordField;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.TimestampType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads the {@code postgres-sink}, {@code mongo-sink} and {@code redis-sink} nodes (README:
 * "postgres-sink, mongo-sink, redis-sink") for {@link JobGraphLoader}, with its problem list, so
 * their problems are reported with every other one.
 */
final class DatabaseSinkReader {

    private static final Pattern TABLE_PART = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern COLLECTION = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,119}");
    /** PostgreSQL truncates longer identifiers (NAMEDATALEN − 1 bytes), so two fields could become one column. */
    private static final int MAX_COLUMN_BYTES = 63;

    private final JobGraphLoader loader;
    private final List<String> problems;
    /** The node being read's TypeScript location, for problems of its functions' generated code. */
    private Location location;

    DatabaseSinkReader(JobGraphLoader loader, List<String> problems) {
        this.loader = loader;
        this.problems = problems;
    }

    /** The node of {@code kind}, or null when it has a problem (recorded). {@code input} is null when broken. */
    Node read(String kind, JsonObjectReader r, String id, String uid, String name, Location location,
              List<String> inputIds, Integer parallelism, Node input) {
        this.location = location;
        DatabaseSinkSpec sink = common(r, input);
        return switch (kind) {
            case "postgres-sink" -> postgres(r, id, uid, name, location, inputIds, parallelism, sink);
            case "mongo-sink" -> mongo(r, id, uid, name, location, inputIds, parallelism, sink);
            case "redis-sink" -> redis(r, id, uid, name, location, inputIds, parallelism, sink);
            default -> throw new IllegalArgumentException("not a database sink kind: " + kind);
        };
    }

    private DatabaseSinkSpec common(JsonObjectReader r, Node input) {
        RecordType inputType = loader.recordType(r, "inputType");
        if (input != null && inputType != null && !inputType.equals(input.outputType())) {
            r.problem("inputType", inputType.describe() + " differs from the type " + input.outputType().describe()
                    + " that input '" + input.id() + "' emits");
            inputType = null;
        }
        String guarantee = r.oneOf("guarantee", "exactly-once", "at-least-once");
        int batchSize = (int) r.integer("batchSize", 1, Integer.MAX_VALUE, 1);
        SecretRef connection = loader.readSecret(r.object("connection"));
        KafkaSinkSpec deadLetter = null;
        JsonNode dl = r.raw("deadLetter");
        if (dl != null && !dl.isNull()) {
            deadLetter = loader.readSinkSpec(JsonObjectReader.of(dl, r.owner(), "deadLetter", problems));
        }
        if (inputType == null || guarantee == null || connection == null) {
            return null;
        }
        return new DatabaseSinkSpec(inputType, guarantee.equals("exactly-once"), batchSize, connection, deadLetter);
    }

    private Node postgres(JsonObjectReader r, String id, String uid, String name, Location location,
                          List<String> inputIds, Integer parallelism, DatabaseSinkSpec sink) {
        String table = r.string("table");
        String schema = null;
        if (table != null) {
            String[] parts = table.split("\\.", -1);
            boolean valid = parts.length <= 2;
            for (String part : parts) {
                valid &= TABLE_PART.matcher(part).matches();
            }
            if (!valid) {
                r.problem("table", "'" + table + "' is not name or schema.name, each ^[a-z_][a-z0-9_]{0,62}$");
                table = null;
            } else if (parts.length == 2) {
                schema = parts[0];
                table = parts[1];
            }
        }
        String mode = r.oneOf("mode", "upsert", "append");
        List<String> key = new ArrayList<>();
        List<JsonNode> rawKey = r.array("key");
        RecordType type = sink == null ? null : sink.inputType();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rawKey.size(); i++) {
            JsonNode k = rawKey.get(i);
            String where = "key[" + i + "]";
            if (!k.isTextual()) {
                r.problem(where, "expected a field name, got " + JsonObjectReader.describe(k));
                continue;
            }
            String field = k.asText();
            if (!seen.add(field)) {
                r.problem(where, "'" + field + "' appears twice");
            } else if (type != null) {
                int index = type.indexOf(field);
                if (index < 0) {
                    r.problem(where, "'" + field + "' is not a field of " + type.name());
                } else if (!isKeyColumnType(type.fields().get(index).type())) {
                    r.problem(where, "'" + field + "' has type " + type.fields().get(index).type().describe()
                            + "; a key field is a non-optional string, enum, int, long, boolean or timestamp");
                }
            }
            key.add(field);
        }
        if ("upsert".equals(mode) && rawKey.isEmpty()) {
            r.problem("key", "upsert mode needs at least one key field");
        } else if ("append".equals(mode) && !rawKey.isEmpty()) {
            r.problem("key", "append mode takes no key, got " + rawKey.size() + " field" + (rawKey.size() == 1 ? "" : "s"));
        }
        if (type != null) {
            for (RecordField f : type.fields()) {
                if (f.name().getBytes(StandardCharsets.UTF_8).length > MAX_COLUMN_BYTES) {
                    r.problem("inputType", "field '" + f.name() + "' is longer than PostgreSQL's " + MAX_COLUMN_BYTES + "-byte column names");
                }
            }
        }
        if (sink == null || table == null || mode == null) {
            return null;
        }
        return new PostgresSinkNode(id, uid, name, location, inputIds, parallelism, sink, schema, table,
                mode.equals("upsert") ? PostgresSinkNode.Mode.UPSERT : PostgresSinkNode.Mode.APPEND, List.copyOf(key));
    }

    private static boolean isKeyColumnType(DataType t) {
        return t instanceof EnumType || t instanceof TimestampType || t == PrimitiveType.STRING
                || t == PrimitiveType.INT || t == PrimitiveType.LONG || t == PrimitiveType.BOOLEAN;
    }

    private Node mongo(JsonObjectReader r, String id, String uid, String name, Location location,
                       List<String> inputIds, Integer parallelism, DatabaseSinkSpec sink) {
        String collection = r.string("collection");
        if (collection != null && !COLLECTION.matcher(collection).matches()) {
            r.problem("collection", "'" + collection + "' does not match ^[A-Za-z_][A-Za-z0-9_.-]{0,119}$");
            collection = null;
        }
        String write = r.oneOf("write", "replace", "merge");
        SinkFunction documentId = function(r, r.object("documentId"), "documentId", id, sink);
        if (documentId != null) {
            DataType t = documentId.returnType().nonNull();
            if (t instanceof ArrayType || t == PrimitiveType.NULL) {
                problems.add(r.at("documentId.returnType") + ": MongoDB's _id cannot be " + documentId.returnType().describe());
                documentId = null;
            }
        }
        if (sink == null || collection == null || write == null || documentId == null) {
            return null;
        }
        return new MongoSinkNode(id, uid, name, location, inputIds, parallelism, sink, collection, documentId,
                write.equals("replace") ? MongoSinkNode.Write.REPLACE : MongoSinkNode.Write.MERGE);
    }

    private Node redis(JsonObjectReader r, String id, String uid, String name, Location location,
                       List<String> inputIds, Integer parallelism, DatabaseSinkSpec sink) {
        SinkFunction key = expect(r, function(r, r.object("key"), "key", id, sink), "a string", DatabaseSinkReader::isText);
        RedisSinkNode.Value value = null;
        JsonObjectReader v = r.object("value");
        if (v != null) {
            String kind = v.oneOf("kind", "string", "hash", "sorted-set");
            if ("string".equals(kind)) {
                SinkFunction fn = expect(r, function(r, v.object("fn"), "value.fn", id, sink), "a string or a record",
                        t -> isText(t) || t instanceof RecordType);
                value = fn == null ? null : new RedisSinkNode.StringValue(fn);
            } else if ("hash".equals(kind)) {
                SinkFunction fn = expect(r, function(r, v.object("fn"), "value.fn", id, sink), "a record", t -> t instanceof RecordType);
                value = fn == null ? null : new RedisSinkNode.HashValue(fn);
            } else if ("sorted-set".equals(kind)) {
                SinkFunction member = expect(r, function(r, v.object("member"), "value.member", id, sink), "a string", DatabaseSinkReader::isText);
                SinkFunction score = expect(r, function(r, v.object("score"), "value.score", id, sink), "a number",
                        t -> t == PrimitiveType.DOUBLE || t == PrimitiveType.INT || t == PrimitiveType.LONG || t instanceof TimestampType);
                value = member == null || score == null ? null : new RedisSinkNode.SortedSetValue(member, score);
            }
            v.finish();
        }
        Long ttlMs = null;
        JsonNode ttl = r.raw("ttlMs");
        if (ttl != null && !ttl.isNull()) {
            ttlMs = r.integerValue(ttl, "ttlMs", 1, Long.MAX_VALUE, 1);
        }
        if (sink == null || key == null || value == null) {
            return null;
        }
        return new RedisSinkNode(id, uid, name, location, inputIds, parallelism, sink, key, value, ttlMs);
    }

    private static boolean isText(DataType t) {
        return t == PrimitiveType.STRING || t instanceof EnumType;
    }

    /** {@code fn}, or null with a problem when its non-null return type is not what {@code accepts} takes. */
    private SinkFunction expect(JsonObjectReader r, SinkFunction fn, String expected, Predicate<DataType> accepts) {
        if (fn != null && !accepts.test(fn.returnType().nonNull())) {
            problems.add(r.at(fn.field() + ".returnType") + ": expected " + expected + ", got " + fn.returnType().describe());
            return null;
        }
        return fn;
    }

    /**
     * A one-parameter function of the sink's input record, checked by generating its code. A
     * nullable return type is allowed: a null value is an error of that record at run time.
     */
    private SinkFunction function(JsonObjectReader node, JsonObjectReader fn, String field, String nodeId, DatabaseSinkSpec sink) {
        if (fn == null) {
            return null;
        }
        String param = null;
        DataType paramType = null;
        List<JsonNode> params = fn.array("params");
        if (params.size() != 1) {
            fn.problem("params", "a sink's " + field + " function takes exactly one parameter, got " + params.size());
        } else {
            JsonObjectReader p = JsonObjectReader.of(params.get(0), node.owner(), field + ".params[0]", problems);
            if (p != null) {
                param = p.string("name");
                if (param != null && !JobGraphLoader.isJsName(param)) {
                    p.problem("name", "'" + param + "' is not a JavaScript identifier");
                }
                paramType = loader.readType(p.raw("type"), node.owner(), field + ".params[0].type");
                p.finish();
            }
        }
        DataType returnType = loader.readType(fn.raw("returnType"), node.owner(), field + ".returnType");
        Expr body = new ExprReader(loader, node.owner(), problems).read(fn.raw("body"), field + ".body");
        fn.finish();
        RecordType inputType = sink == null ? null : sink.inputType();
        if (paramType != null && inputType != null && !paramType.equals(inputType)) {
            problems.add(node.at(field + ".params[0].type") + ": the parameter has type " + paramType.describe()
                    + " but the sink's input type is " + inputType.describe());
            return null;
        }
        if (param == null || inputType == null || body == null || returnType == null) {
            return null;
        }
        FunctionSpec spec = new FunctionSpec(param, inputType, body);
        SinkFunction function;
        try {
            function = new SinkFunction(field, spec, returnType, JavaFunctionGenerator.generateValue(nodeId, field, spec, returnType));
            if (!JobGraphLoader.compiles(function.code(), node, location, problems)) {
                return null;
            }
        } catch (ExpressionException e) {
            for (ExpressionException.Problem p : e.problems()) {
                problems.add(node.at(p.path()) + ": " + p.message());
            }
            return null;
        }
        return function;
    }
}
