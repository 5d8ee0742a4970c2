package dev.tsflink.core.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads one JSON object of the graph, reporting each problem with the path that locates it
 * ({@code node 'orders': eventTime.field}) instead of stopping at the first one. Every getter
 * records the key as known, so {@link #finish()} can refuse keys v1 does not define.
 */
final class JsonObjectReader {

    private final ObjectNode node;
    private final String owner;
    private final String path;
    private final List<String> problems;
    private final Set<String> read = new HashSet<>();

    private JsonObjectReader(ObjectNode node, String owner, String path, List<String> problems) {
        this.node = node;
        this.owner = owner;
        this.path = path;
        this.problems = problems;
    }

    /**
     * A reader of {@code value}, or null (with a problem recorded) when it is not an object.
     *
     * @param owner what the object belongs to, e.g. {@code node 'orders'}; empty at the root
     * @param path the field path from the owner, e.g. {@code fn.body}; empty for the owner itself
     */
    static JsonObjectReader of(JsonNode value, String owner, String path, List<String> problems) {
        if (value == null || !value.isObject()) {
            problems.add(locate(owner, path) + ": expected an object, got " + describe(value));
            return null;
        }
        return new JsonObjectReader((ObjectNode) value, owner, path, problems);
    }

    static String locate(String owner, String path) {
        if (owner.isEmpty()) {
            return path;
        }
        return path.isEmpty() ? owner : owner + ": " + path;
    }

    String owner() {
        return owner;
    }

    /** This object's path from its owner. */
    String path() {
        return path;
    }

    /** The field path of a key of this object from its owner. */
    String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Where a key of this object is, for messages about it. */
    String at(String key) {
        return locate(owner, childPath(key));
    }

    void problem(String key, String message) {
        problems.add(at(key) + ": " + message);
    }

    boolean has(String key) {
        return node.has(key);
    }

    JsonNode raw(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        if (v == null) {
            problem(key, "missing");
        }
        return v;
    }

    JsonNode optionalRaw(String key) {
        read.add(key);
        return node.get(key);
    }

    String string(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            problem(key, "expected a string, got " + describe(v));
            return null;
        }
        return v.asText();
    }

    String nonEmptyString(String key) {
        String s = string(key);
        if (s != null && s.isEmpty()) {
            problem(key, "must not be empty");
            return null;
        }
        return s;
    }

    /** A string that must be one of {@code allowed}. */
    String oneOf(String key, String... allowed) {
        String s = string(key);
        if (s == null) {
            return null;
        }
        for (String a : allowed) {
            if (a.equals(s)) {
                return s;
            }
        }
        problem(key, "'" + s + "' is not one of " + String.join(", ", allowed));
        return null;
    }

    boolean bool(String key) {
        JsonNode v = raw(key);
        if (v != null && !v.isBoolean()) {
            problem(key, "expected a boolean, got " + describe(v));
            return false;
        }
        return v != null && v.asBoolean();
    }

    /** An integer within [min, max]; {@code fallback} when absent or invalid. */
    long integer(String key, long min, long max, long fallback) {
        JsonNode v = raw(key);
        if (v == null) {
            return fallback;
        }
        return integerValue(v, key, min, max, fallback);
    }

    long integerValue(JsonNode v, String key, long min, long max, long fallback) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            problem(key, "expected an integer, got " + describe(v));
            return fallback;
        }
        long l = v.asLong();
        if (l < min || l > max) {
            problem(key, l + " is outside [" + min + ", " + max + "]");
            return fallback;
        }
        return l;
    }

    JsonObjectReader object(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return null;
        }
        return of(v, owner, childPath(key), problems);
    }

    /** The elements of an array, or an empty list (with a problem) when it is not one. */
    List<JsonNode> array(String key) {
        JsonNode v = raw(key);
        List<JsonNode> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            problem(key, "expected an array, got " + describe(v));
            return out;
        }
        v.forEach(out::add);
        return out;
    }

    /** Reports every key this reader was never asked for: v1 defines no others. */
    void finish() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!read.contains(name)) {
                problem(name, "unknown field (not part of " + JobGraph.SCHEMA_VERSION + ")");
            }
        }
    }

    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return "the string \"" + v.asText() + "\"";
        }
        if (v.isNumber()) {
            return "the number " + v.asText();
        }
        if (v.isBoolean()) {
            return v.asText();
        }
        if (v.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
