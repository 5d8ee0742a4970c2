package dev.tsflink.core.expr;

import dev.tsflink.core.expr.JavaFunctionGenerator.Value;
import dev.tsflink.core.graph.AggregateSpec;
import dev.tsflink.core.operators.window.WindowAdder;
import dev.tsflink.core.operators.window.WindowLayout;
import dev.tsflink.core.types.DataType;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RecordType;

import java.util.List;

/**
 * Generates a window-aggregate's {@link WindowAdder}: one method that computes every aggregate's
 * value of a record and folds them into the accumulator's slots ({@link WindowLayout}), so the
 * per-record work of the window is straight-line Java with no boxing of numbers.
 */
public final class WindowAggregateGenerator {

    private static final String ACCUMULATOR = "dev.tsflink.core.operators.window.WindowAccumulator";

    private WindowAggregateGenerator() {}

    /** An adder that gets each record's timestamp from the window operator's caller. */
    public static GeneratedFunction generate(String nodeId, RecordType input, List<AggregateSpec> aggregates) {
        return generate(nodeId, input, aggregates, -1);
    }

    /**
     * @param timestampField the input field that holds each record's event time (the source's
     *     event-time field, read through filters), or -1: first/last then read the record's
     *     timestamp there instead of needing it passed along with the record
     */
    public static GeneratedFunction generate(String nodeId, RecordType input, List<AggregateSpec> aggregates, int timestampField) {
        WindowLayout layout = new WindowLayout(aggregates);
        JavaFunctionGenerator g = new JavaFunctionGenerator();
        if (timestampField >= 0 && layout.readsTimestamps()) {
            g.line("timestamp = ((Number) input.getField(" + timestampField + ")).longValue();");
        }
        values(g, input, aggregates);
        g.line("acc.count++;");
        for (int i = 0; i < aggregates.size(); i++) {
            int s = layout.slot(i);
            String a = "a" + i;
            switch (aggregates.get(i).op()) {
                case SUM, AVG -> g.line("acc.sums[" + s + "].add(" + a + ");");
                case MIN -> g.line("acc.numbers[" + s + "] = Math.min(acc.numbers[" + s + "], " + a + ");");
                case MAX -> g.line("acc.numbers[" + s + "] = Math.max(acc.numbers[" + s + "], " + a + ");");
                // Smallest timestamp wins, the earlier arrival on a tie; for last the largest, the later arrival.
                case FIRST, LAST -> {
                    g.open("if (timestamp " + (aggregates.get(i).op() == AggregateSpec.Op.FIRST ? "<" : ">=")
                            + " acc.times[" + s + "])");
                    g.line("acc.values[" + s + "] = " + a + ";");
                    g.line("acc.times[" + s + "] = timestamp;");
                    g.close("}");
                }
                case COUNT_DISTINCT -> g.line("((java.util.HashSet) acc.values[" + s + "]).add(" + a + ");");
                default -> {
                    // count, key and the window bounds read no value of the record.
                }
            }
        }
        g.endMethod("public void add(org.apache.flink.types.Row input, long timestamp, " + ACCUMULATOR + " acc)");
        values(g, input, aggregates);
        g.endMethod("public void check(org.apache.flink.types.Row input)");
        return g.finish("Window_" + JavaFunctionGenerator.javaName(nodeId), WindowAdder.class);
    }

    /** Locals {@code a<i>} holding each aggregate's value of {@code input}: a double for the numeric ops. */
    private static void values(JavaFunctionGenerator g, RecordType input, List<AggregateSpec> aggregates) {
        for (int i = 0; i < aggregates.size(); i++) {
            AggregateSpec a = aggregates.get(i);
            if (!a.op().takesFunction()) {
                continue;
            }
            String path = "aggregates[" + i + "].fn.body";
            g.bind(a.fn().param(), new Value("input", input));
            Value v = g.gen(a.fn().body(), path);
            g.path = path;
            switch (a.op()) {
                case SUM, AVG, MIN, MAX -> g.line("double a" + i + " = " + g.convert(v, PrimitiveType.DOUBLE) + ";");
                case FIRST, LAST -> g.line("Object a" + i + " = " + JavaFunctionGenerator.asObject(
                        new Value(g.convert(v, a.type()), a.type())) + ";");
                default -> {
                    // SameValueZero: -0 and 0 count once; Double.equals already makes NaN equal to NaN.
                    DataType t = v.type();
                    String boxed = JavaFunctionGenerator.asObject(new Value(g.convert(v, t), t));
                    if (t == PrimitiveType.DOUBLE) {
                        boxed = "Double.valueOf(" + v.code() + " == 0 ? 0.0 : " + v.code() + ")";
                    } else if (t.nonNull() == PrimitiveType.DOUBLE) {
                        boxed = "(" + v.code() + " != null && " + v.code() + ".doubleValue() == 0 ? Double.valueOf(0.0) : " + v.code() + ")";
                    }
                    g.line("Object a" + i + " = " + boxed + ";");
                }
            }
            g.unbind();
        }
    }
}
