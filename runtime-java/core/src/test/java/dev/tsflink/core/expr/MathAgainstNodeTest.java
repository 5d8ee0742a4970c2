package dev.tsflink.core.expr;

import dev.tsflink.core.expr.Expr.Builtin;
import dev.tsflink.core.expr.Expr.Field;
import dev.tsflink.core.expr.Expr.ObjectExpr;
import dev.tsflink.core.expr.Expr.ObjectField;
import dev.tsflink.core.expr.Expr.Ref;
import dev.tsflink.core.graph.Node.FunctionSpec;
import dev.tsflink.core.types.RecordField;
import dev.tsflink.core.types.RecordType;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static dev.tsflink.core.types.PrimitiveType.DOUBLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code Math} builtin and {@code %}, compiled as generated code calls them, against node's
 * on over 100,000 doubles (pairs for {@code pow}, {@code min}, {@code max} and {@code %}), bit for
 * bit with every NaN equal: random bit patterns, values around 1, every exponent, integers,
 * half-integers and their neighbours, subnormals, the ranges where {@code exp} and {@code pow}
 * over- and underflow, and every pair of the special values.
 */
class MathAgainstNodeTest {

    private static final int GENERATED = 100_000;

    /** Applies the named function to the little-endian doubles on stdin, argument after argument. */
    private static final String NODE_EVALUATOR = """
            const [name, arity] = [process.argv[1], Number(process.argv[2])];
            const f = name === "%" ? (x, y) => x % y : Math[name.slice("Math.".length)];
            const input = new Float64Array(new Uint8Array(require("fs").readFileSync(0)).buffer);
            const out = new Float64Array(input.length / arity);
            for (let i = 0; i < out.length; i++) {
              out[i] = arity === 1 ? f(input[i]) : f(input[2 * i], input[2 * i + 1]);
            }
            process.stdout.write(Buffer.from(out.buffer));
            """;

    private static final double[] SPECIAL = {
            Double.NaN, 0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1, -1, 0.5, -0.5, 2, -2,
            1.5, -1.5, 2.5, -2.5, 3, -3, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
            Double.MAX_VALUE, -Double.MAX_VALUE, 0.49999999999999994, -0.49999999999999994, Math.nextDown(1.0),
            Math.nextUp(1.0), -Math.nextDown(1.0), 0x1p31, 0x1p52, 0x1p52 + 0.5, -0x1p52 - 0.5, 0x1p53, 0x1p53 + 2,
            0x1p64, -0x1p64, 0x1p1023, Math.E, 1.0 / 3, Math.PI, 709.782712893384, 709.7827128933841,
            -745.1332191019411, -745.1332191019412, -708.3964185322641, 1024, -1074, -1075, 1e308, 1e-308, 10, 0.1,
    };

    @Test
    void everyMathBuiltinGivesNodesBits() throws IOException, InterruptedException {
        List<String> mismatches = new ArrayList<>();
        for (JsBuiltin builtin : JsBuiltin.values()) {
            if (builtin.javaFunction() != null) {
                List<Expr> params = builtin.minArgs() == 1 ? List.of(X) : List.of(X, Y);
                mismatches.addAll(compare(builtin.jsName(), builtin, new Builtin(DOUBLE, builtin.jsName(), params)));
            }
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void remainderGivesNodesBits() throws IOException, InterruptedException {
        assertEquals(List.of(), compare("%", null, new Expr.Binary(DOUBLE, "%", X, Y)));
    }

    /** @param builtin the builtin {@code body} calls, whose inputs it gets; null for a binary operator */
    private static List<String> compare(String name, JsBuiltin builtin, Expr body) throws IOException, InterruptedException {
        int arity = builtin == null ? 2 : builtin.minArgs();
        SplittableRandom random = new SplittableRandom(20261204L + name.hashCode());
        double[] args = arity == 1 ? unaryInputs(random) : binaryInputs(builtin, random);
        int count = args.length / arity;
        double[] expected = node(name, arity, args);
        assertEquals(count, expected.length, name + ": node gave another number of results");

        RowMapper compiled = compiled(body);
        List<String> mismatches = new ArrayList<>();
        int differing = 0;
        for (int i = 0; i < count; i++) {
            double x = args[arity * i];
            double y = arity == 1 ? 0 : args[arity * i + 1];
            double actual = (Double) compiled.map(Row.of(x, y)).getField(0);
            if (!sameBits(actual, expected[i])) {
                differing++;
                if (mismatches.size() < 5) {
                    String call = name + "(" + show(x) + (arity == 1 ? "" : ", " + show(y)) + ")";
                    mismatches.add(call + ": node " + show(expected[i]) + ", harness " + show(actual));
                }
            }
        }
        if (differing > mismatches.size()) {
            mismatches.add(name + ": " + differing + " of " + count + " results differ");
        }
        return mismatches;
    }

    private static boolean sameBits(double a, double b) {
        return Double.isNaN(a) ? Double.isNaN(b) : Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }

    private static String show(double d) {
        return Js.numberToString(d) + (d == 0 && 1 / d < 0 ? " (-0)" : "");
    }

    // ------------------------------------------------------------------ the function, generated

    private static final RecordType IN = new RecordType("In", List.of(new RecordField("x", DOUBLE), new RecordField("y", DOUBLE)));
    private static final RecordType OUT = new RecordType("Out", List.of(new RecordField("v", DOUBLE)));

    private static final Expr X = new Field(DOUBLE, new Ref(IN, "o"), "x", false);
    private static final Expr Y = new Field(DOUBLE, new Ref(IN, "o"), "y", false);

    private static RowMapper compiled(Expr value) {
        Expr body = new ObjectExpr(OUT, List.of(new ObjectField("v", value)));
        GeneratedFunction g = JavaFunctionGenerator.generateMap("test.math", new FunctionSpec("o", IN, body), OUT);
        return FunctionCompiler.compile(g, RowMapper.class, MathAgainstNodeTest.class.getClassLoader());
    }

    // ------------------------------------------------------------------ node

    private static double[] node(String name, int arity, double[] args) throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", "-e", NODE_EVALUATOR, name, String.valueOf(arity))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ByteBuffer in = ByteBuffer.allocate(8 * args.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double arg : args) {
            in.putLong(Double.doubleToRawLongBits(arg));
        }
        try (OutputStream stdin = node.getOutputStream()) {
            stdin.write(in.array());
        }
        ByteBuffer out = ByteBuffer.wrap(node.getInputStream().readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node did not finish");
        assertEquals(0, node.exitValue(), "node failed");
        double[] results = new double[out.remaining() / 8];
        for (int i = 0; i < results.length; i++) {
            results[i] = out.getDouble();
        }
        return results;
    }

    // ------------------------------------------------------------------ inputs

    private static double[] unaryInputs(SplittableRandom random) {
        double[] values = new double[GENERATED + SPECIAL.length];
        for (int i = 0; i < GENERATED; i++) {
            values[i] = switch (i % 8) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> nearOne(random);
                case 2 -> anyExponent(random);
                case 3 -> signed(random, random.nextLong(1L << random.nextInt(1, 62)));
                case 4 -> neighbour(random, signed(random, random.nextLong(1L << random.nextInt(1, 53)) + 0.5));
                case 5 -> subnormal(random);
                case 6 -> switch (random.nextInt(3)) {
                    case 0 -> random.nextDouble(-800, 800);
                    case 1 -> random.nextDouble(-746, -700);     // exp's results near and below 2^-1022
                    default -> random.nextDouble(700, 710);      // and near overflow
                };
                default -> neighbour(random, SPECIAL[random.nextInt(SPECIAL.length)]);
            };
        }
        System.arraycopy(SPECIAL, 0, values, GENERATED, SPECIAL.length);
        return values;
    }

    private static double[] binaryInputs(JsBuiltin builtin, SplittableRandom random) {
        int pairs = GENERATED + SPECIAL.length * SPECIAL.length;
        double[] values = new double[2 * pairs];
        for (int i = 0; i < GENERATED; i++) {
            double x;
            double y;
            switch (builtin == JsBuiltin.MATH_POW || builtin == null ? i % 10 : i % 3 * 3) {
                case 0 -> {
                    x = Double.longBitsToDouble(random.nextLong());
                    y = Double.longBitsToDouble(random.nextLong());
                }
                case 1 -> {                                         // |y| beyond 2^31 and 2^64
                    x = nearOne(random);
                    y = signed(random, random.nextDouble() * Math.scalb(1.0, random.nextInt(20, 70)));
                }
                case 2 -> {
                    x = anyExponent(random);
                    y = random.nextInt(-1100, 1101);
                }
                case 3 -> {                                         // exact integer powers
                    x = random.nextInt(-20, 21);
                    y = random.nextInt(-60, 61);
                }
                case 4 -> {
                    x = random.nextBoolean() ? anyExponent(random) : random.nextDouble(0, 100);
                    y = random.nextInt(-100, 101) + 0.5;
                }
                case 5 -> {
                    x = -random.nextDouble(0, 10);
                    y = random.nextBoolean() ? random.nextInt(-40, 41) : random.nextDouble(-10, 10);
                }
                case 6 -> {
                    x = switch (random.nextInt(3)) {
                        case 0 -> anyExponent(random);
                        case 1 -> subnormal(random);
                        default -> Math.abs(nearOne(random));
                    };
                    y = neighbour(random, SPECIAL[random.nextInt(SPECIAL.length)]);
                }
                case 7 -> {                                         // results near overflow and underflow
                    x = random.nextDouble(1.0001, 100);
                    double[] limits = {1024, -1022, -1074, -1075};
                    y = neighbour(random, limits[random.nextInt(limits.length)] / (Math.log(x) / Math.log(2)));
                    if (random.nextBoolean()) {
                        x = 1 / x;
                    }
                }
                case 8 -> {
                    x = random.nextDouble(0, 10);
                    y = random.nextDouble(-50, 50);
                }
                default -> {
                    x = neighbour(random, SPECIAL[random.nextInt(SPECIAL.length)]);
                    y = random.nextBoolean() ? Double.longBitsToDouble(random.nextLong()) : random.nextDouble(-3, 3);
                }
            }
            values[2 * i] = x;
            values[2 * i + 1] = y;
        }
        int at = 2 * GENERATED;
        for (double x : SPECIAL) {
            for (double y : SPECIAL) {
                values[at++] = x;
                values[at++] = y;
            }
        }
        return values;
    }

    private static double signed(SplittableRandom random, double d) {
        return random.nextBoolean() ? d : -d;
    }

    /** 1 ± a random fraction of 2^-k, k up to 53: where log and pow lose most to cancellation. */
    private static double nearOne(SplittableRandom random) {
        return 1 + signed(random, random.nextDouble() * Math.scalb(1.0, -random.nextInt(0, 54)));
    }

    /** A random mantissa at a uniformly chosen exponent, normal numbers of either sign. */
    private static double anyExponent(SplittableRandom random) {
        long bits = (long) random.nextInt(1, 2047) << 52 | random.nextLong() >>> 12;
        return signed(random, Double.longBitsToDouble(bits));
    }

    private static double subnormal(SplittableRandom random) {
        return signed(random, Double.longBitsToDouble(random.nextLong() >>> 12));
    }

    /** {@code d} itself or one of the two doubles next to it. */
    private static double neighbour(SplittableRandom random, double d) {
        return switch (random.nextInt(3)) {
            case 0 -> Math.nextDown(d);
            case 1 -> Math.nextUp(d);
            default -> d;
        };
    }
}
