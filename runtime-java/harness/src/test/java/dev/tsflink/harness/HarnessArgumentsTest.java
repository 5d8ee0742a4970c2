package dev.tsflink.harness;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HarnessArgumentsTest {

    private static String refusal(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> HarnessArguments.parse(List.of(args))).getMessage();
    }

    @Test
    void readsTheGraphAndRepeatedConfValues() {
        HarnessArguments a = HarnessArguments.parse(List.of(
                "--graph", "job.json", "--conf", "KAFKA_BOOTSTRAP_SERVERS=k:9092", "--conf=PG_URL=jdbc:postgresql://h/db?a=b"));
        assertEquals("job.json", a.graph());
        assertEquals(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092", "PG_URL", "jdbc:postgresql://h/db?a=b"), a.conf());
    }

    @Test
    void acceptsTheEqualsForm() {
        assertEquals("base64:H4sI", HarnessArguments.parse(List.of("--graph=base64:H4sI")).graph());
    }

    @Test
    void theLastValueOfANameWins() {
        assertEquals(Map.of("A", "2"), HarnessArguments.parse(List.of("--graph", "g", "--conf", "A=1", "--conf", "A=2")).conf());
    }

    @Test
    void refusesWhatItDoesNotUnderstand() {
        assertEquals("--graph is required; " + HarnessArguments.USAGE, refusal("--conf", "A=1"));
        assertEquals("unknown argument '--jobname'; " + HarnessArguments.USAGE, refusal("--graph", "g", "--jobname", "x"));
        assertEquals("unknown argument 'extra'; " + HarnessArguments.USAGE, refusal("--graph", "g", "extra"));
        assertEquals("--graph given twice; " + HarnessArguments.USAGE, refusal("--graph", "a", "--graph", "b"));
        assertEquals("--graph needs a value; " + HarnessArguments.USAGE, refusal("--graph"));
    }

    @Test
    void neverShowsConfValues() {
        assertEquals("--conf expects NAME=value; " + HarnessArguments.USAGE, refusal("--graph", "g", "--conf", "s3cr3t"));
        HarnessArguments a = HarnessArguments.parse(List.of("--graph", "base64:abc", "--conf", "PASSWORD=s3cr3t"));
        assertEquals("HarnessArguments[graph=base64:…, conf=[PASSWORD]]", a.toString());
    }
}
