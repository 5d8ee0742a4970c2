package dev.tsflink.core.graph;

import dev.tsflink.core.graph.Node.FunctionSpec;
import dev.tsflink.core.types.DataType;

import java.io.Serializable;

/** One field of a {@code window-aggregate}'s output: {@code op} over {@code fn} (null for count, key, window bounds). */
public record AggregateSpec(String name, Op op, FunctionSpec fn, DataType type) implements Serializable {

    public enum Op {
        COUNT("count"),
        SUM("sum"),
        AVG("avg"),
        MIN("min"),
        MAX("max"),
        FIRST("first"),
        LAST("last"),
        COUNT_DISTINCT("countDistinct"),
        KEY("key"),
        WINDOW_START("windowStart"),
        WINDOW_END("windowEnd");

        private final String graphName;

        Op(String graphName) {
            this.graphName = graphName;
        }

        public String graphName() {
            return graphName;
        }

        /** Whether the op reads a value of each record through {@code fn}. */
        public boolean takesFunction() {
            return this != COUNT && this != KEY && this != WINDOW_START && this != WINDOW_END;
        }

        public static Op byGraphName(String name) {
            for (Op op : values()) {
                if (op.graphName.equals(name)) {
                    return op;
                }
            }
            return null;
        }
    }
}
