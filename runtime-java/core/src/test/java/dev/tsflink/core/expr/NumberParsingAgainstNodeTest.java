package dev.tsflink.core.expr;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Number(s)}, {@code parseFloat(s)} and {@code parseInt(s, radix)} against node's, bit for
 * bit, on 100,000 strings each: decimal literals of every length and exponent, the exact midpoints
 * between neighbouring doubles (where rounding decides), hex, octal and binary literals, digit
 * strings of every radix past 2^53, and random strings of the grammar's own characters.
 */
class NumberParsingAgainstNodeTest {

    private static final int GENERATED = 100_000;

    /** Applies each conversion to the strings (and radixes) it reads as JSON; writes doubles. */
    private static final String NODE_PARSER = """
            const { strings, radixes } = JSON.parse(require("fs").readFileSync(0, "utf8"));
            const out = new Float64Array(4 * strings.length);
            strings.forEach((s, i) => {
              out[4 * i] = Number(s);
              out[4 * i + 1] = parseFloat(s);
              out[4 * i + 2] = parseInt(s);
              out[4 * i + 3] = parseInt(s, radixes[i] === null ? NaN : radixes[i]);
            });
            process.stdout.write(Buffer.from(out.buffer));
            """;

    private static final String[] RADIXES_ODD = {"NaN", "0", "1", "37", "-1", "16.9", "4294967312", "-4294967286", "Infinity"};
    private static final String WHITESPACE = " \t\n\u000B\f\r\u00A0\u1680\u2000\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF";
    private static final String GRAMMAR = "0123456789+-.eExXoObBaAfFzZ_ ";

    @Test
    void parsesEveryStringAsNodeDoes() throws IOException, InterruptedException {
        SplittableRandom random = new SplittableRandom(20261205L);
        List<String> strings = new ArrayList<>();
        List<Double> radixes = new ArrayList<>();
        for (int i = 0; i < GENERATED; i++) {
            double radix = random.nextInt(2, 37);
            String s = switch (i % 7) {
                case 0 -> decimal(random);
                case 1 -> midpoint(random);
                case 2 -> prefixed(random);
                case 3 -> digits(random, (int) radix, random.nextInt(1, 60));
                case 4 -> fromGrammar(random);
                case 5 -> Js.numberToString(Double.longBitsToDouble(random.nextLong()));
                default -> {
                    radix = random.nextInt(4) == 0 ? Double.parseDouble(RADIXES_ODD[random.nextInt(RADIXES_ODD.length)]) : radix;
                    yield digits(random, 36, random.nextInt(1, 20));
                }
            };
            strings.add(padded(random, s));
            radixes.add(radix);
        }

        double[] expected = node(strings, radixes);
        assertEquals(4 * strings.size(), expected.length, "node gave another number of results");
        List<String> mismatches = new ArrayList<>();
        int[] differing = new int[4];
        String[] names = {"Number", "parseFloat", "parseInt", "parseInt with radix"};
        for (int i = 0; i < strings.size(); i++) {
            String s = strings.get(i);
            double[] actual = {Js.toNumber(s), Js.parseFloat(s), Js.parseInt(s), Js.parseInt(s, radixes.get(i))};
            for (int k = 0; k < 4; k++) {
                if (!sameBits(actual[k], expected[4 * i + k]) && differing[k]++ < 5) {
                    mismatches.add(names[k] + "(" + quoted(s) + (k == 3 ? ", " + Js.numberToString(radixes.get(i)) : "")
                            + "): node " + show(expected[4 * i + k]) + ", harness " + show(actual[k]));
                }
            }
        }
        for (int k = 0; k < 4; k++) {
            if (differing[k] > 5) {
                mismatches.add(names[k] + ": " + differing[k] + " of " + strings.size() + " results differ");
            }
        }
        assertEquals(List.of(), mismatches);
    }

    private static double[] node(List<String> strings, List<Double> radixes) throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        List<Double> finiteRadixes = new ArrayList<>();
        for (double r : radixes) {
            finiteRadixes.add(Double.isFinite(r) ? r : null);    // JSON has no NaN; infinities wrap to 0 anyway
        }
        Process node = new ProcessBuilder("node", "-e", NODE_PARSER).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream stdin = node.getOutputStream()) {
            json.writeValue(stdin, java.util.Map.of("strings", strings, "radixes", finiteRadixes));
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

    private static boolean sameBits(double a, double b) {
        return Double.isNaN(a) ? Double.isNaN(b) : Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }

    private static String show(double d) {
        return Js.numberToString(d) + (d == 0 && 1 / d < 0 ? " (-0)" : "");
    }

    private static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return sb.append('"').toString();
    }

    // ------------------------------------------------------------------ strings

    private static String digitRun(SplittableRandom random, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    /** A sign, integer digits, a fraction and an exponent, each maybe absent, some very long. */
    private static String decimal(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        sb.append(switch (random.nextInt(4)) {
            case 0 -> "-";
            case 1 -> "+";
            default -> "";
        });
        int longest = random.nextInt(8) == 0 ? 400 : 25;
        sb.append(digitRun(random, random.nextInt(0, longest)));
        if (random.nextBoolean()) {
            sb.append('.').append(digitRun(random, random.nextInt(0, longest)));
        }
        if (random.nextBoolean()) {
            sb.append(random.nextBoolean() ? 'e' : 'E').append(random.nextInt(3) == 0 ? "-" : random.nextBoolean() ? "+" : "");
            sb.append(random.nextInt(0, random.nextBoolean() ? 30 : 400));
        }
        return sb.toString();
    }

    /**
     * The exact decimal halfway between a random double and the next, or just beside it, or with
     * zeros and maybe a 1 far behind it: subnormal midpoints have over 750 significant digits, and
     * both V8 and Java keep a bounded number of digits, plus whether any dropped one was non-zero.
     */
    private static String midpoint(SplittableRandom random) {
        double d = random.nextInt(3) == 0
                ? Double.longBitsToDouble(random.nextLong() >>> random.nextInt(11, 20))
                : Math.abs(Double.longBitsToDouble(random.nextLong()));
        if (!Double.isFinite(d) || d == Double.MAX_VALUE) {
            d = random.nextDouble();
        }
        BigDecimal half = new BigDecimal(d).add(new BigDecimal(Math.nextUp(d))).divide(BigDecimal.valueOf(2));
        String digits = switch (random.nextInt(4)) {
            case 0 -> half.toString();
            case 1 -> half.add(half.ulp()).toString();
            case 2 -> half.subtract(half.ulp()).toString();
            default -> half.toPlainString() + (half.scale() > 0 ? "" : ".") + "0".repeat(random.nextInt(0, 600))
                    + (random.nextBoolean() ? "1" : "");
        };
        return random.nextBoolean() ? digits : "-" + digits;
    }

    private static String prefixed(SplittableRandom random) {
        int radix = new int[] {16, 8, 2}[random.nextInt(3)];
        String prefix = switch (radix) {
            case 16 -> random.nextBoolean() ? "0x" : "0X";
            case 8 -> random.nextBoolean() ? "0o" : "0O";
            default -> random.nextBoolean() ? "0b" : "0B";
        };
        String sign = random.nextInt(8) == 0 ? "-" : "";
        return sign + prefix + digits(random, radix, random.nextInt(0, radix == 2 ? 80 : 30));
    }

    private static String digits(SplittableRandom random, int radix, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            char c = Character.forDigit(random.nextInt(radix), radix);
            sb.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return sb.toString();
    }

    private static String fromGrammar(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(0, 12);
        for (int i = 0; i < length; i++) {
            sb.append(random.nextInt(12) == 0 ? "Infinity" : String.valueOf(GRAMMAR.charAt(random.nextInt(GRAMMAR.length()))));
        }
        return sb.toString();
    }

    /** Maybe JavaScript whitespace around it, maybe a tail no number grammar takes. */
    private static String padded(SplittableRandom random, String s) {
        String before = random.nextInt(4) == 0 ? String.valueOf(WHITESPACE.charAt(random.nextInt(WHITESPACE.length()))) : "";
        String after = switch (random.nextInt(6)) {
            case 0 -> String.valueOf(WHITESPACE.charAt(random.nextInt(WHITESPACE.length())));
            case 1 -> "px";
            case 2 -> "\u0085";          // NEL: no JavaScript whitespace
            default -> "";
        };
        return before + s + after;
    }
}
