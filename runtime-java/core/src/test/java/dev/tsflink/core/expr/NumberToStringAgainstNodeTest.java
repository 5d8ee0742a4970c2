package dev.tsflink.core.expr;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Js#numberToString} against node's {@code String(x)} on 40,000 doubles: random bit
 * patterns, money amounts, scaled fractions and single digits at every exponent, where the
 * shortest-digits search and JavaScript's layout rules meet their edge cases.
 */
class NumberToStringAgainstNodeTest {

    private static final String NODE_PRINTER = """
            const lines = require("fs").readFileSync(0, "utf8").trim().split("\\n");
            const view = new DataView(new ArrayBuffer(8));
            const out = lines.map((hex) => { view.setBigUint64(0, BigInt("0x" + hex)); return String(view.getFloat64(0)); });
            process.stdout.write(out.join("\\n") + "\\n");
            """;

    @Test
    void printsEveryDoubleAsNodeDoes() throws IOException, InterruptedException {
        SplittableRandom random = new SplittableRandom(20261125);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            double value = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> Math.round(random.nextDouble() * 1e7) / 100.0;
                case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(-30, 30));
                default -> random.nextInt(1, 10) * Math.pow(10, random.nextInt(-323, 308));
            };
            if (!Double.isNaN(value)) {
                values.add(value);
            }
        }
        values.addAll(List.of(Double.MIN_VALUE, 1e21, 1e-7, 2e23, 9007199254740993.0, -1.5e-6, 123e-20, Double.MAX_VALUE));

        Process node = new ProcessBuilder("node", "-e", NODE_PRINTER).redirectErrorStream(true).start();
        StringBuilder input = new StringBuilder();
        for (double value : values) {
            input.append(String.format("%016x", Double.doubleToRawLongBits(value))).append('\n');
        }
        try (OutputStream stdin = node.getOutputStream()) {
            stdin.write(input.toString().getBytes(StandardCharsets.UTF_8));
        }
        String[] expected = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node did not finish");
        assertEquals(values.size(), expected.length, "node printed another number of lines");

        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String actual = Js.numberToString(values.get(i));
            if (!actual.equals(expected[i]) && mismatches.size() < 10) {
                mismatches.add(values.get(i) + ": node " + expected[i] + ", harness " + actual);
            }
        }
        assertEquals(List.of(), mismatches);
    }
}
