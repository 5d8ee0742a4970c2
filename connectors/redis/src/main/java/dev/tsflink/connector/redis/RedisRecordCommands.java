package dev.tsflink.connector.redis;

import dev.tsflink.core.codec.JsonRowEncoder;
import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.Js;
import dev.tsflink.core.expr.ValueFunction;
import dev.tsflink.core.operators.Metrics;
import org.apache.flink.types.Row;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an input record into what the sink writes at its key, with the sink's compiled functions:
 * a string value (the function's string, or JSON of the record it returns), hash fields (each
 * field of the returned record as {@code String(x)}), or a sorted-set score and member.
 */
final class RedisRecordCommands {

    /** What the Lua script calls the value kind. */
    enum Kind {
        STRING("string"),
        HASH("hash"),
        ZSET("zset");

        final String script;

        Kind(String script) {
            this.script = script;
        }
    }

    /** One record's write: its key and the script arguments of its value; or why it cannot be written. */
    record Command(String key, List<String> args, String refusal) {
        static Command refused(String reason) {
            return new Command(null, List.of(), reason);
        }
    }

    private final Kind kind;
    private final ValueFunction key;
    private final ValueFunction value;
    private final ValueFunction score;
    private final JsonRowEncoder json;
    private final String[] hashFields;

    RedisRecordCommands(RedisSinkSpec spec, ClassLoader classLoader) {
        this.key = FunctionCompiler.compile(spec.key(), ValueFunction.class, classLoader);
        this.kind = spec.kind();
        this.value = FunctionCompiler.compile(spec.value(), ValueFunction.class, classLoader);
        this.score = spec.score() == null ? null : FunctionCompiler.compile(spec.score(), ValueFunction.class, classLoader);
        this.json = spec.valueRecord() == null ? null : new JsonRowEncoder(spec.valueRecord());
        this.hashFields = spec.valueRecord() == null ? null
                : spec.valueRecord().fields().stream().map(f -> f.name()).toArray(String[]::new);
    }

    Kind kind() {
        return kind;
    }

    Command command(Row record) {
        Object k;
        Object v;
        Object s = null;
        try {
            k = key.apply(record);
            v = value.apply(record);
            if (score != null) {
                s = score.apply(record);
            }
        } catch (RuntimeException e) {
            return Command.refused("a function of the sink failed: " + Metrics.describe(e));
        }
        if (k == null) {
            return Command.refused("the key function returned null");
        }
        if (v == null) {
            return Command.refused((kind == Kind.ZSET ? "the member" : "the value") + " function returned null");
        }
        List<String> args = new ArrayList<>();
        switch (kind) {
            case STRING -> args.add(v instanceof Row row ? new String(json.encode(row), StandardCharsets.UTF_8) : (String) v);
            case HASH -> {
                Row row = (Row) v;
                for (int i = 0; i < hashFields.length; i++) {
                    args.add(hashFields[i]);
                    args.add(Js.str(row.getField(i)));
                }
            }
            case ZSET -> {
                if (s == null) {
                    return Command.refused("the score function returned null");
                }
                double d = ((Number) s).doubleValue();
                if (Double.isNaN(d)) {
                    return Command.refused("the score is NaN, which a sorted set cannot hold");
                }
                // Redis reads "inf"/"-inf"; Java would write "Infinity".
                args.add(Double.isInfinite(d) ? (d > 0 ? "+inf" : "-inf") : Js.numberToString(d));
                args.add((String) v);
            }
        }
        return new Command((String) k, args, null);
    }
}
