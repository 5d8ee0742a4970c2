package dev.tsflink.core.graph;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import dev.tsflink.core.expr.Expr;
import dev.tsflink.core.expr.ExpressionException;
import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.expr.JavaFunctionGenerator;
import dev.tsflink.core.graph.JobSpec.CheckpointSpec;
import dev.tsflink.core.graph.JobSpec.RestartSpec;
import dev.tsflink.core.graph.Node.EventTimeSpec;
import dev.tsflink.core.graph.Node.FilterNode;
import dev.tsflink.core.graph.Node.FunctionSpec;
import dev.tsflink.core.graph.Node.KafkaSinkNode;
import dev.tsflink.core.graph.Node.KafkaSourceNode;
import dev.tsflink.core.graph.Node.MapNode;
import dev.tsflink.core.graph.Node.StartFrom;
import dev.tsflink.core.types.ArrayType;
import dev.tsflink.core.types.DataType;
import dev.tsflink.core.types.EnumType;
import dev.tsflink.core.types.MapType;
import dev.tsflink.core.types.NullableType;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RecordField;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.TimestampType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses a job graph and checks its meaning: the version first (a graph of another version is
 * refused before anything else is read), then every type, node and expression, collecting all
 * problems so one run reports them together.
 */
public final class JobGraphLoader {

    /** The compiler refuses expressions nested deeper than this (TSF2018). */
    static final int MAX_EXPRESSION_DEPTH = 256;

    /**
     * How deep the document may nest. One expression level takes at most three JSON levels (an
     * object expression's field: the {@code fields} array, the field, its {@code value}), so an
     * expression of {@link #MAX_EXPRESSION_DEPTH} levels takes at most 768. The rest, as much
     * again, is for what surrounds it: the way from the root to a function body (at most 8
     * levels, in a process handler's statements), nested {@code if} statements (2 levels each)
     * and the Avro type written in the innermost expression.
     */
    static final int MAX_JSON_DEPTH = 3 * MAX_EXPRESSION_DEPTH + MAX_EXPRESSION_DEPTH;

    private static final ObjectMapper JSON =
            new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build())
                    .build())
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_.:@/-]+");
    private static final Pattern JOB_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

    /** Flink refuses checkpoint intervals and timeouts below this. */
    private static final long MIN_CHECKPOINT_MS = 10;

    private final List<String> problems = new ArrayList<>();
    private final Map<String, DataType> types = new LinkedHashMap<>();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    /**
     * Names of types and ids of nodes that have problems of their own. References to them are not
     * reported again: one mistake gives one message, not one per node downstream of it.
     */
    private final Set<String> brokenTypes = new HashSet<>();
    private final Set<String> brokenNodes = new HashSet<>();

    private JobGraphLoader() {}

    static boolean isIdentifier(String name) {
        return IDENTIFIER.matcher(name).matches();
    }

    /**
     * Whether {@code name} is a JavaScript IdentifierName (ECMAScript: ID_Start, {@code $} or
     * {@code _}, then ID_Continue, {@code $}, ZWNJ or ZWJ), as the compiler writes the names of
     * parameters, {@code let}s and states ({@code ($) => …}, {@code const π = 3.14}). They never
     * become Java identifiers: the generated code binds them to its own locals. The Unicode
     * properties are ICU's, the version Node's V8 has (see the ICU4J pin in the parent pom).
     */
    static boolean isJsName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            boolean ok = cp == '$' || cp == '_' || (i == 0
                    ? UCharacter.hasBinaryProperty(cp, UProperty.ID_START)
                    : cp == 0x200C || cp == 0x200D || UCharacter.hasBinaryProperty(cp, UProperty.ID_CONTINUE));
            if (!ok) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /**
     * The stack the loader runs on. Reading and generating code recurse once or twice per
     * expression level; at {@link #MAX_EXPRESSION_DEPTH} levels that takes about 700 KB, close to
     * the 1 MB a JVM thread has by default (a JobManager's REST thread, where a submitted job's
     * main runs). Only the pages used are committed.
     */
    private static final long STACK_BYTES = 16L * 1024 * 1024;

    public static JobGraph load(String json) {
        JobGraph[] graph = new JobGraph[1];
        Throwable[] failure = new Throwable[1];
        Thread loader = new Thread(null, () -> {
            try {
                graph[0] = loadHere(json);
            } catch (RuntimeException | Error e) {
                failure[0] = e;
            }
        }, "tsflink-graph-loader", STACK_BYTES);
        loader.start();
        try {
            loader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the job graph", e);
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        if (failure[0] != null) {
            throw (RuntimeException) failure[0];
        }
        return graph[0];
    }

    private static JobGraph loadHere(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new JobGraphException("not valid JSON: " + e.getOriginalMessage());
        }
        return new JobGraphLoader().read(root);
    }

    private JobGraph read(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new JobGraphException("expected a JSON object, got " + JsonObjectReader.describe(root));
        }
        checkVersion(root.get("schemaVersion"));

        JsonObjectReader r = JsonObjectReader.of(root, "", "", problems);
        r.raw("schemaVersion");
        String compilerVersion = readCompiler(r.object("compiler"));
        JobSpec job = readJob(r.object("job"));
        List<JsonNode> typeList = r.array("types");
        for (int i = 0; i < typeList.size(); i++) {
            readNamedType(typeList.get(i), i);
        }
        List<JsonNode> nodeList = r.array("nodes");
        for (int i = 0; i < nodeList.size(); i++) {
            readNode(nodeList.get(i), i);
        }
        r.finish();
        if (job != null && job.checkpoint() != null && !job.checkpoint().enabled()) {
            checkExactlyOnceNeedsCheckpoints(job);
        }
        if (!problems.isEmpty()) {
            throw new JobGraphException(problems);
        }
        return new JobGraph(JobGraph.SCHEMA_VERSION, compilerVersion, job, types, new ArrayList<>(nodes.values()));
    }

    /**
     * Exactly-once destinations commit when a checkpoint completes: every Kafka transaction (sinks,
     * sources' dead letters, a window's late records, database sinks' dead letters) and every
     * fenced database commit.
     */
    private void checkExactlyOnceNeedsCheckpoints(JobSpec job) {
        String why = ": exactly-once commits on checkpoints, which job.checkpoint.intervalMs 0 turns off";
        if (job.deadLetter() != null && job.deadLetter().exactlyOnce()) {
            problems.add("job.deadLetter.guarantee" + why);
        }
        for (Node node : nodes.values()) {
            Map<String, Boolean> destinations = new LinkedHashMap<>();
            if (node instanceof KafkaSourceNode source && source.deadLetter() != null) {
                destinations.put("deadLetter.guarantee", source.deadLetter().exactlyOnce());
            } else if (node instanceof KafkaSinkNode sink) {
                destinations.put("sink.guarantee", sink.sink().exactlyOnce());
            } else if (node instanceof WindowAggregateNode window && window.late() != null) {
                destinations.put("late.sink.guarantee", window.late().sink().exactlyOnce());
            } else if (node instanceof Node.DatabaseSinkNode sink) {
                destinations.put("guarantee", sink.sink().exactlyOnce());
                if (sink.sink().deadLetter() != null) {
                    destinations.put("deadLetter.guarantee", sink.sink().deadLetter().exactlyOnce());
                }
            }
            destinations.forEach((field, exactlyOnce) -> {
                if (exactlyOnce) {
                    problems.add("node '" + node.id() + "': " + field + why);
                }
            });
        }
    }

    /** A node read so far, or null. */
    Node node(String id) {
        return nodes.get(id);
    }

    private static void checkVersion(JsonNode version) {
        String expected = "this harness supports \"" + JobGraph.SCHEMA_VERSION + "\"";
        if (version == null) {
            throw new JobGraphException("schemaVersion is missing; " + expected);
        }
        if (!version.isTextual() || !version.asText().equals(JobGraph.SCHEMA_VERSION)) {
            String got = version.isTextual() ? "\"" + version.asText() + "\"" : version.toString();
            throw new JobGraphException("unsupported schemaVersion " + got + "; " + expected);
        }
    }

    private String readCompiler(JsonObjectReader r) {
        if (r == null) {
            return null;
        }
        String name = r.string("name");
        if (name != null && !name.equals("tsflink")) {
            r.problem("name", "expected \"tsflink\", got \"" + name + "\"");
        }
        String version = r.string("version");
        r.finish();
        return version;
    }

    private JobSpec readJob(JsonObjectReader r) {
        if (r == null) {
            return null;
        }
        String name = r.string("name");
        if (name != null && !JOB_NAME.matcher(name).matches()) {
            r.problem("name", "'" + name + "' is not kebab-case ([a-z0-9][a-z0-9-]*)");
        }
        int parallelism = (int) r.integer("parallelism", 1, Integer.MAX_VALUE, 1);

        CheckpointSpec checkpoint = null;
        JsonObjectReader c = r.object("checkpoint");
        if (c != null) {
            long interval = c.integer("intervalMs", 0, Long.MAX_VALUE, 0);
            if (interval > 0 && interval < MIN_CHECKPOINT_MS) {
                c.problem("intervalMs", interval + " is below Flink's minimum of " + MIN_CHECKPOINT_MS + " ms (0 turns checkpointing off)");
            }
            String mode = c.oneOf("mode", "exactly-once", "at-least-once");
            long timeout = c.integer("timeoutMs", 0, Long.MAX_VALUE, MIN_CHECKPOINT_MS);
            if (interval > 0 && timeout < MIN_CHECKPOINT_MS) {
                c.problem("timeoutMs", timeout + " is below Flink's minimum of " + MIN_CHECKPOINT_MS + " ms");
            }
            long minPause = c.integer("minPauseMs", 0, Long.MAX_VALUE, 0);
            c.finish();
            checkpoint = new CheckpointSpec(interval, !"at-least-once".equals(mode), timeout, minPause);
        }

        RestartSpec restart = null;
        JsonObjectReader rs = r.object("restart");
        if (rs != null) {
            rs.oneOf("strategy", "fixed-delay");
            int attempts = (int) rs.integer("attempts", 0, Integer.MAX_VALUE, 0);
            long delay = rs.integer("delayMs", 0, Long.MAX_VALUE, 0);
            rs.finish();
            restart = new RestartSpec(attempts, delay);
        }
        KafkaSinkSpec deadLetter = null;
        JsonNode dl = r.raw("deadLetter");
        if (dl != null && !dl.isNull()) {
            deadLetter = readSinkSpec(JsonObjectReader.of(dl, r.owner(), r.childPath("deadLetter"), problems));
        }
        r.finish();
        return new JobSpec(name, parallelism, checkpoint, restart, deadLetter);
    }

    // ---------------------------------------------------------------- types

    private void readNamedType(JsonNode json, int index) {
        String owner = "types[" + index + "]";
        if (json != null && json.isObject() && json.path("name").isTextual()) {
            owner = "type '" + json.get("name").asText() + "'";
        }
        JsonObjectReader r = JsonObjectReader.of(json, owner, "", problems);
        if (r == null) {
            return;
        }
        int problemsBefore = problems.size();
        String kind = r.oneOf("type", "record", "enum");
        String name = r.string("name");
        if (name != null && !IDENTIFIER.matcher(name).matches()) {
            r.problem("name", "'" + name + "' is not an identifier");
        }
        if (name != null && (types.containsKey(name) || PrimitiveType.byAvroName(name) != null)) {
            r.problem("name", "'" + name + "' is defined twice");
            name = null;
        }
        DataType type = null;
        if ("enum".equals(kind)) {
            List<String> symbols = new ArrayList<>();
            List<JsonNode> raw = r.array("symbols");
            if (raw.isEmpty()) {
                r.problem("symbols", "an enum needs at least one symbol");
            }
            for (int i = 0; i < raw.size(); i++) {
                JsonNode s = raw.get(i);
                if (!s.isTextual() || !IDENTIFIER.matcher(s.asText()).matches()) {
                    r.problem("symbols[" + i + "]", "expected an identifier, got " + JsonObjectReader.describe(s));
                } else if (symbols.contains(s.asText())) {
                    r.problem("symbols[" + i + "]", "symbol '" + s.asText() + "' appears twice");
                } else {
                    symbols.add(s.asText());
                }
            }
            type = new EnumType(name, symbols);
        } else if ("record".equals(kind)) {
            r.optionalRaw("doc");
            List<RecordField> fields = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            List<JsonNode> raw = r.array("fields");
            for (int i = 0; i < raw.size(); i++) {
                JsonObjectReader f = JsonObjectReader.of(raw.get(i), owner, "fields[" + i + "]", problems);
                if (f == null) {
                    continue;
                }
                String fieldName = f.string("name");
                String fieldOwner = owner + " field '" + fieldName + "'";
                if (fieldName != null && !IDENTIFIER.matcher(fieldName).matches()) {
                    f.problem("name", "'" + fieldName + "' is not an identifier");
                }
                if (fieldName != null && !seen.add(fieldName)) {
                    f.problem("name", "field '" + fieldName + "' appears twice");
                }
                DataType fieldType = readType(f.raw("type"), fieldOwner, "type");
                JsonNode dflt = f.optionalRaw("default");
                if (dflt != null && !dflt.isNull()) {
                    f.problem("default", "only a null default is allowed");
                }
                if (dflt != null && fieldType != null && !(fieldType instanceof NullableType)) {
                    f.problem("default", "a default is only allowed on an optional [\"null\", T] field");
                }
                f.finish();
                if (fieldName != null && fieldType != null) {
                    fields.add(new RecordField(fieldName, fieldType, dflt != null));
                }
            }
            type = new RecordType(name, fields);
        }
        r.finish();
        if (name == null) {
            return;
        }
        if (type != null && problems.size() == problemsBefore) {
            types.put(name, type);
        } else {
            brokenTypes.add(name);
        }
    }

    /** A type as the graph writes it; named types must already be defined (dependency order). */
    DataType readType(JsonNode json, String owner, String path) {
        String where = JsonObjectReader.locate(owner, path);
        if (json == null) {
            return null;
        }
        if (json.isTextual()) {
            String name = json.asText();
            PrimitiveType primitive = PrimitiveType.byAvroName(name);
            if (primitive != null) {
                return primitive;
            }
            DataType named = types.get(name);
            if (named == null && !brokenTypes.contains(name)) {
                problems.add(where + ": unknown type name '" + name + "'");
            }
            return named;
        }
        if (json.isArray()) {
            if (json.size() != 2 || !"null".equals(json.get(0).asText(null)) || json.get(1).isNull()) {
                problems.add(where + ": a union must be [\"null\", T]");
                return null;
            }
            DataType inner = readType(json.get(1), owner, path + "[1]");
            if (inner == null) {
                return null;
            }
            if (inner.isNullable()) {
                problems.add(where + ": [\"null\", T] cannot wrap another nullable type");
                return null;
            }
            return new NullableType(inner);
        }
        if (json.isObject()) {
            String type = json.path("type").asText("");
            if (type.equals("long") && json.size() == 2 && "timestamp-millis".equals(json.path("logicalType").asText(null))) {
                return TimestampType.INSTANCE;
            }
            if (type.equals("array") && json.size() == 2 && json.has("items")) {
                DataType items = readType(json.get("items"), owner, path + ".items");
                return items == null ? null : new ArrayType(items);
            }
            if (type.equals("map") && json.size() == 2 && json.has("values")) {
                DataType values = readType(json.get("values"), owner, path + ".values");
                return values == null ? null : new MapType(values);
            }
        }
        problems.add(where + ": unsupported type " + json);
        return null;
    }

    RecordType recordType(JsonObjectReader r, String key) {
        String name = r.string(key);
        if (name == null) {
            return null;
        }
        DataType t = types.get(name);
        if (t == null) {
            if (!brokenTypes.contains(name)) {
                r.problem(key, "unknown type name '" + name + "'");
            }
            return null;
        }
        if (!(t instanceof RecordType record)) {
            r.problem(key, "'" + name + "' is not a record type");
            return null;
        }
        return record;
    }

    // ---------------------------------------------------------------- nodes

    private void readNode(JsonNode json, int index) {
        String owner = "nodes[" + index + "]";
        if (json != null && json.isObject() && json.path("id").isTextual()) {
            owner = "node '" + json.get("id").asText() + "'";
        }
        JsonObjectReader r = JsonObjectReader.of(json, owner, "", problems);
        if (r == null) {
            return;
        }
        int problemsBefore = problems.size();
        String id = r.string("id");
        if (id != null && !NODE_ID.matcher(id).matches()) {
            r.problem("id", "'" + id + "' contains characters outside [A-Za-z0-9_.:@/-]");
        }
        if (id != null && (nodes.containsKey(id) || brokenNodes.contains(id))) {
            r.problem("id", "another node has the id '" + id + "'");
            id = null;
        }
        String uid = r.string("uid");
        if (uid != null && !NODE_ID.matcher(uid).matches()) {
            r.problem("uid", "'" + uid + "' contains characters outside [A-Za-z0-9_.:@/-]");
        }
        String name = r.string("name");
        Location location = readLocation(r.object("location"));
        Integer parallelism = r.has("parallelism") ? (int) r.integer("parallelism", 1, Integer.MAX_VALUE, 1) : null;
        r.optionalRaw("parallelism");
        List<String> inputIds = new ArrayList<>();
        List<Node> inputs = readInputs(r, inputIds);
        String kind = r.oneOf("kind", "kafka-source", "filter", "map", "kafka-sink", "postgres-sink", "mongo-sink", "redis-sink",
                "flat-map", "union", "reduce", "window-aggregate", "interval-join", "window-join", "process");

        Node node = null;
        if ("kafka-source".equals(kind)) {
            expectInputs(r, inputIds, 0);
            node = readKafkaSource(r, id, uid, name, location, parallelism);
        } else if ("filter".equals(kind) || "map".equals(kind)) {
            Node input = expectInputs(r, inputIds, 1) && inputs.size() == 1 ? inputs.get(0) : null;
            node = readFunctionNode(r, kind, id, uid, name, location, inputIds, parallelism, input);
        } else if ("kafka-sink".equals(kind)) {
            Node input = expectInputs(r, inputIds, 1) && inputs.size() == 1 ? inputs.get(0) : null;
            node = readKafkaSink(r, id, uid, name, location, inputIds, parallelism, input);
        } else if ("postgres-sink".equals(kind) || "mongo-sink".equals(kind) || "redis-sink".equals(kind)) {
            Node input = expectInputs(r, inputIds, 1) && inputs.size() == 1 ? inputs.get(0) : null;
            node = new DatabaseSinkReader(this, problems).read(kind, r, id, uid, name, location, inputIds, parallelism, input);
        } else if (kind != null && OperatorNodeReader.KINDS.contains(kind)) {
            node = new OperatorNodeReader(this, problems).read(kind, r,
                    new OperatorNodeReader.Header(id, uid, name, location, inputIds, parallelism), inputs, inputs.size() == inputIds.size());
        }
        // With an unknown kind the other fields mean nothing to v1: the kind is reported, not each of them.
        if (kind != null) {
            r.finish();
        }
        if (id == null) {
            return;
        }
        if (node != null && problems.size() == problemsBefore) {
            nodes.put(id, node);
        } else {
            brokenNodes.add(id);
        }
    }

    private static boolean expectInputs(JsonObjectReader r, List<String> inputIds, int expected) {
        if (inputIds.size() != expected) {
            r.problem("inputs", "expected " + expected + " input" + (expected == 1 ? "" : "s") + ", got " + inputIds.size());
            return false;
        }
        return true;
    }

    /**
     * The nodes named by {@code inputs}; each must be an earlier node with an output. Every id
     * given, known or not, is added to {@code ids}.
     */
    private List<Node> readInputs(JsonObjectReader r, List<String> ids) {
        List<Node> inputs = new ArrayList<>();
        List<JsonNode> raw = r.array("inputs");
        for (int i = 0; i < raw.size(); i++) {
            JsonNode v = raw.get(i);
            if (!v.isTextual()) {
                r.problem("inputs[" + i + "]", "expected a node id, got " + JsonObjectReader.describe(v));
                continue;
            }
            ids.add(v.asText());
            Node input = nodes.get(v.asText());
            if (brokenNodes.contains(v.asText())) {
                continue;
            }
            if (input == null) {
                r.problem("inputs[" + i + "]", "unknown input id '" + v.asText() + "' (inputs must name earlier nodes)");
            } else if (input.outputType() == null) {
                r.problem("inputs[" + i + "]", "'" + v.asText() + "' is a sink and has no output");
            } else {
                inputs.add(input);
            }
        }
        return inputs;
    }

    private Location readLocation(JsonObjectReader r) {
        if (r == null) {
            return null;
        }
        String file = r.string("file");
        int line = (int) r.integer("line", 1, Integer.MAX_VALUE, 1);
        int column = (int) r.integer("column", 1, Integer.MAX_VALUE, 1);
        r.finish();
        return new Location(file, line, column);
    }

    private KafkaSourceNode readKafkaSource(
            JsonObjectReader r, String id, String uid, String name, Location location, Integer parallelism) {
        String topic = r.nonEmptyString("topic");
        Format format = format(r);
        String startFrom = r.oneOf("startFrom", "earliest", "latest", "committed");
        String groupId = r.nonEmptyString("groupId");
        RecordType outputType = recordType(r, "outputType");
        SecretRef servers = readConnection(r.object("connection"));

        EventTimeSpec eventTime = null;
        JsonNode et = r.raw("eventTime");
        if (et != null && !et.isNull()) {
            JsonObjectReader e = JsonObjectReader.of(et, r.owner(), "eventTime", problems);
            if (e != null) {
                String field = e.string("field");
                long maxOutOfOrderness = e.integer("maxOutOfOrdernessMs", 0, Long.MAX_VALUE, 0);
                JsonNode idle = e.raw("idlenessMs");
                Long idleness = idle == null || idle.isNull() ? null : e.integerValue(idle, "idlenessMs", 1, Long.MAX_VALUE, 1);
                e.finish();
                if (field != null && outputType != null) {
                    int i = outputType.indexOf(field);
                    if (i < 0) {
                        e.problem("field", "'" + field + "' is not a field of " + outputType.name());
                    } else {
                        DataType t = outputType.fields().get(i).type().nonNull();
                        if (!(t instanceof TimestampType) && t != PrimitiveType.LONG && t != PrimitiveType.INT) {
                            e.problem("field", "'" + field + "' has type " + t.describe() + "; event time needs a timestamp, long or int field");
                        }
                    }
                }
                eventTime = new EventTimeSpec(field, maxOutOfOrderness, idleness);
            }
        }

        KafkaSinkSpec deadLetter = null;
        JsonNode dl = r.raw("deadLetter");
        if (dl != null && !dl.isNull()) {
            deadLetter = readSinkSpec(JsonObjectReader.of(dl, r.owner(), "deadLetter", problems));
        }
        if (topic == null || format == null || startFrom == null || groupId == null || outputType == null || servers == null) {
            return null;
        }
        return new KafkaSourceNode(
                id, uid, name, location, parallelism, topic, format,
                StartFrom.valueOf(startFrom.toUpperCase(Locale.ROOT)), groupId, outputType, eventTime, deadLetter, servers);
    }

    static Format format(JsonObjectReader r) {
        String f = r.oneOf("format", "avro", "json");
        return f == null ? null : Format.valueOf(f.toUpperCase(Locale.ROOT));
    }

    private SecretRef readConnection(JsonObjectReader r) {
        if (r == null) {
            return null;
        }
        SecretRef ref = readSecret(r.object("bootstrapServers"));
        r.finish();
        return ref;
    }

    SecretRef readSecret(JsonObjectReader r) {
        if (r == null) {
            return null;
        }
        String env = r.string("env");
        if (env != null && !ENV_NAME.matcher(env).matches()) {
            r.problem("env", "'" + env + "' is not an environment variable name ([A-Z_][A-Z0-9_]*)");
        }
        r.finish();
        return env == null ? null : new SecretRef(env);
    }

    KafkaSinkSpec readSinkSpec(JsonObjectReader r) {
        if (r == null) {
            return null;
        }
        String uid = r.string("uid");
        if (uid != null && !NODE_ID.matcher(uid).matches()) {
            r.problem("uid", "'" + uid + "' contains characters outside [A-Za-z0-9_.:@/-]");
        }
        String name = r.string("name");
        String topic = r.nonEmptyString("topic");
        String guarantee = r.oneOf("guarantee", "exactly-once", "at-least-once");
        String prefix = r.nonEmptyString("transactionalIdPrefix");
        long timeout = r.integer("transactionTimeoutMs", 0, Integer.MAX_VALUE, 0);
        SecretRef servers = readConnection(r.object("connection"));
        r.finish();
        if (uid == null || name == null || topic == null || guarantee == null || prefix == null || servers == null) {
            return null;
        }
        return new KafkaSinkSpec(uid, name, topic, guarantee.equals("exactly-once"), prefix, timeout, servers);
    }

    private Node readFunctionNode(
            JsonObjectReader r, String kind, String id, String uid, String name, Location location,
            List<String> inputIds, Integer parallelism, Node input) {
        RecordType outputType = recordType(r, "outputType");
        JsonObjectReader fn = r.object("fn");
        if (fn == null) {
            return null;
        }
        String param = null;
        DataType paramType = null;
        List<JsonNode> params = fn.array("params");
        if (params.size() != 1) {
            fn.problem("params", "a " + kind + " function takes exactly one parameter, got " + params.size());
        } else {
            JsonObjectReader p = JsonObjectReader.of(params.get(0), r.owner(), "fn.params[0]", problems);
            if (p != null) {
                param = p.string("name");
                if (param != null && !isJsName(param)) {
                    p.problem("name", "'" + param + "' is not a JavaScript identifier");
                }
                paramType = readType(p.raw("type"), r.owner(), "fn.params[0].type");
                p.finish();
            }
        }
        DataType returnType = readType(fn.raw("returnType"), r.owner(), "fn.returnType");
        Expr body = new ExprReader(this, r.owner(), problems).read(fn.raw("body"), "fn.body");
        fn.finish();

        RecordType inputType = input == null ? null : input.outputType();
        if (paramType != null && inputType != null && !paramType.equals(inputType)) {
            problems.add(r.at("fn.params[0].type") + ": the parameter has type " + paramType.describe()
                    + " but the input '" + input.id() + "' emits " + inputType.describe());
        }
        if ("filter".equals(kind)) {
            if (returnType != null && returnType != PrimitiveType.BOOLEAN) {
                problems.add(r.at("fn.returnType") + ": a filter returns boolean, not " + returnType.describe());
            }
            if (outputType != null && inputType != null && !outputType.equals(inputType)) {
                r.problem("outputType", "a filter emits its input's type " + inputType.describe() + ", not " + outputType.describe());
            }
        } else if (returnType != null && outputType != null && !returnType.equals(outputType)) {
            problems.add(r.at("fn.returnType") + ": " + returnType.describe() + " differs from outputType " + outputType.describe());
        }
        if (param == null || inputType == null || body == null || outputType == null || returnType == null
                || !(paramType instanceof RecordType)) {
            return null;
        }
        FunctionSpec spec = new FunctionSpec(param, inputType, body);
        try {
            if ("filter".equals(kind)) {
                return compiles(JavaFunctionGenerator.generateFilter(id, spec), r, location, problems)
                        ? new FilterNode(id, uid, name, location, inputIds, parallelism, spec, outputType) : null;
            }
            return compiles(JavaFunctionGenerator.generateMap(id, spec, outputType), r, location, problems)
                    ? new MapNode(id, uid, name, location, inputIds, parallelism, spec, outputType) : null;
        } catch (ExpressionException e) {
            for (ExpressionException.Problem p : e.problems()) {
                problems.add(r.at(p.path()) + ": " + p.message());
            }
            return null;
        }
    }

    /**
     * Whether a node's generated function compiles, as each of its operator instances will compile
     * it; otherwise the problem is recorded at the expression's path, with the node's TypeScript
     * location.
     */
    static boolean compiles(GeneratedFunction function, JsonObjectReader r, Location location, List<String> problems) {
        ExpressionException.Problem p = FunctionCompiler.check(function);
        if (p == null) {
            return true;
        }
        String at = location == null ? "" : " (the function at " + location.file() + ":" + location.line() + ":" + location.column() + ")";
        problems.add(r.at(p.path()) + at + ": " + p.message());
        return false;
    }

    private Node readKafkaSink(
            JsonObjectReader r, String id, String uid, String name, Location location,
            List<String> inputIds, Integer parallelism, Node input) {
        Format format = format(r);
        RecordType inputType = recordType(r, "inputType");
        KafkaSinkSpec sink = readSinkSpec(r.object("sink"));
        if (input != null && inputType != null && !inputType.equals(input.outputType())) {
            r.problem("inputType", inputType.describe() + " differs from the type " + input.outputType().describe()
                    + " that input '" + input.id() + "' emits");
        }
        if (format == null || inputType == null || sink == null) {
            return null;
        }
        return new KafkaSinkNode(id, uid, name, location, inputIds, parallelism, format, inputType, sink);
    }
}
