package dev.tsflink.core.operators;

import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.MarkerIgnoringBase;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecordErrorReporterTest {

    /** Keeps the WARN lines a reporter writes. */
    static final class WarnLog extends MarkerIgnoringBase {
        final List<String> lines = new ArrayList<>();

        @Override public void warn(String format, Object... args) {
            lines.add(String.format(format.replace("{}", "%s"), args));
        }

        @Override public boolean isTraceEnabled() { return false; }
        @Override public void trace(String msg) {}
        @Override public void trace(String format, Object arg) {}
        @Override public void trace(String format, Object arg1, Object arg2) {}
        @Override public void trace(String format, Object... arguments) {}
        @Override public void trace(String msg, Throwable t) {}
        @Override public boolean isDebugEnabled() { return false; }
        @Override public void debug(String msg) {}
        @Override public void debug(String format, Object arg) {}
        @Override public void debug(String format, Object arg1, Object arg2) {}
        @Override public void debug(String format, Object... arguments) {}
        @Override public void debug(String msg, Throwable t) {}
        @Override public boolean isInfoEnabled() { return false; }
        @Override public void info(String msg) {}
        @Override public void info(String format, Object arg) {}
        @Override public void info(String format, Object arg1, Object arg2) {}
        @Override public void info(String format, Object... arguments) {}
        @Override public void info(String msg, Throwable t) {}
        @Override public boolean isWarnEnabled() { return true; }
        @Override public void warn(String msg) { lines.add(msg); }
        @Override public void warn(String format, Object arg) { warn(format, new Object[] {arg}); }
        @Override public void warn(String format, Object arg1, Object arg2) { warn(format, new Object[] {arg1, arg2}); }
        @Override public void warn(String msg, Throwable t) { lines.add(msg); }
        @Override public boolean isErrorEnabled() { return true; }
        @Override public void error(String msg) {}
        @Override public void error(String format, Object arg) {}
        @Override public void error(String format, Object arg1, Object arg2) {}
        @Override public void error(String format, Object... arguments) {}
        @Override public void error(String msg, Throwable t) {}
    }

    @Test
    void countsEveryOneAndLogsTheFirstThenOneInAThousand() {
        WarnLog log = new WarnLog();
        RecordErrorReporter reporter = new RecordErrorReporter(
                log, new UnregisteredMetricsGroup(), Metrics.DEAD_LETTERS, "source orders · orders.ts:3", "value did not decode", 1);
        for (int i = 1; i <= 2500; i++) {
            reporter.report("reason " + i);
        }
        assertEquals(2500, reporter.count());
        assertEquals(List.of(
                "source orders · orders.ts:3: value did not decode (#1 so far): reason 1",
                "source orders · orders.ts:3: value did not decode (#1000 so far): reason 1000",
                "source orders · orders.ts:3: value did not decode (#2000 so far): reason 2000"), log.lines);
    }
}
