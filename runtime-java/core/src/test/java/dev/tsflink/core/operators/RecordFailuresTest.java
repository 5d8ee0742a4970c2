package dev.tsflink.core.operators;

import dev.tsflink.core.expr.RecordException;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecordFailuresTest {

    private static RecordFailures failures(boolean kept, RecordErrorReporterTest.WarnLog log) {
        return new RecordFailures(new RecordFailures.Origin("milli", "map", "p.ts:3:9", "map · p.ts:3", kept), log,
                new UnregisteredMetricsGroup(), "record");
    }

    @Test
    void keptFailuresAreDeadLettersAndTheLogOnlyShowsThatTheyKeepComing() {
        RecordErrorReporterTest.WarnLog log = new RecordErrorReporterTest.WarnLog();
        RecordFailures failures = failures(true, log);
        List<OperatorDeadLetter> out = new ArrayList<>();
        byte[] json = "{\"m\":1e10}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 1000; i++) {
            failures.fail(new RecordException("fn.body: out of range"), () -> json, 7L, out::add);
        }
        assertEquals(1000, out.size());
        assertEquals(new OperatorDeadLetter("milli", "map", "p.ts:3:9", "fn.body: out of range", json, 7L), out.get(0));
        assertEquals(List.of("map · p.ts:3: record sent to the dead letters (#1000 so far): fn.body: out of range"), log.lines);
    }

    @Test
    void withoutDeadLettersNothingIsBuiltAndTheFirstTenAreLogged() {
        RecordErrorReporterTest.WarnLog log = new RecordErrorReporterTest.WarnLog();
        RecordFailures failures = failures(false, log);
        for (int i = 0; i < 11; i++) {
            failures.fail(new ArithmeticException("/ by zero"), () -> {
                throw new AssertionError("no value is encoded for a job without dead letters");
            }, null, letter -> {
                throw new AssertionError("no dead letter without a sink");
            });
        }
        assertEquals(10, log.lines.size());
        assertEquals("map · p.ts:3: record dropped (#1 so far): ArithmeticException: / by zero", log.lines.get(0));
    }
}
