package dev.tsflink.core.expr;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Js#toUpperCase} and {@link Js#toLowerCase} against node's on every code point alone and
 * on strings where the mapping depends on context (final sigma, dotted I before combining marks)
 * or changes length (ß, ligatures).
 */
class CaseMappingAgainstNodeTest {

    private static final String NODE_MAPPER = """
            const strings = JSON.parse(require("fs").readFileSync(0, "utf8"));
            process.stdout.write(JSON.stringify(strings.map((s) => [s.toUpperCase(), s.toLowerCase()])));
            """;

    private static final List<String> IN_CONTEXT = List.of(
            "ΑΣ", "ΑΣ ΟΔΟΣ", "Σ", "ΑΣ.", "Α\u0301Σ", "ΑΣ\u0301", "σς", "İ", "İ\u0307", "I\u0307", "straße", "ﬀ ǅ ǈ",
            "ŉ", "ΐ", "Ꭰꭰ", "\uD801\uDC00\uD801\uDC28", "\uD800", "a\uDC00b", "ǰ\u0323", "hello WORLD", "");

    @Test
    void mapsEveryCodePointAndContextAsNodeDoes() throws IOException, InterruptedException {
        List<String> strings = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            strings.add(new String(Character.toChars(cp)));
        }
        strings.addAll(IN_CONTEXT);

        ObjectMapper json = new ObjectMapper();
        Process node = new ProcessBuilder("node", "-e", NODE_MAPPER).start();
        try (OutputStream stdin = node.getOutputStream()) {
            json.writeValue(stdin, strings);
        }
        String[][] expected = json.readValue(node.getInputStream(), String[][].class);
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node did not finish");
        assertEquals(strings.size(), expected.length, "node mapped another number of strings");

        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < strings.size() && mismatches.size() < 10; i++) {
            String s = strings.get(i);
            String upper = Js.toUpperCase(s);
            String lower = Js.toLowerCase(s);
            if (!upper.equals(expected[i][0]) || !lower.equals(expected[i][1])) {
                mismatches.add(codeUnits(s) + ": node " + codeUnits(expected[i][0]) + "/" + codeUnits(expected[i][1])
                        + ", harness " + codeUnits(upper) + "/" + codeUnits(lower));
            }
        }
        assertEquals(List.of(), mismatches);
    }

    private static String codeUnits(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }
}
