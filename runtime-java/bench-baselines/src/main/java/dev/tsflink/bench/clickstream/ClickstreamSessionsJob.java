package dev.tsflink.bench.clickstream;

import dev.tsflink.bench.kafka.BenchJob;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.HashSet;

/**
 * pipelines/clickstream-sessions.ts by hand: page views per user in 30-minute session windows
 * (5 minutes allowed lateness, later clicks to a late topic) → clicks, distinct pages, first and
 * last page, duration.
 */
public final class ClickstreamSessionsJob {

    private static final OutputTag<Click> LATE = new OutputTag<>("late", TypeInformation.of(Click.class));

    private ClickstreamSessionsJob() {}

    public static void main(String[] args) throws Exception {
        BenchJob job = BenchJob.fromArgs("bench-baseline-clickstream-sessions", args);
        StreamExecutionEnvironment env = job.environment();

        DataStream<Click> clicks = env.fromSource(
                job.source(new Click.Avro(), TypeInformation.of(Click.class)),
                BenchJob.<Click>eventTime((c, ts) -> c.ts, Duration.ofSeconds(10), Duration.ofMinutes(1)),
                "clicks");

        SingleOutputStreamOperator<UserSession> sessions = clicks
                .keyBy(c -> c.userId)
                .window(EventTimeSessionWindows.withGap(Duration.ofMinutes(30)))
                .allowedLateness(Duration.ofMinutes(5))
                .sideOutputLateData(LATE)
                .aggregate(new SessionAggregate(), new ToSession())
                .name("sessions");

        sessions.sinkTo(job.jsonSink("sessions")).name("sessions sink");
        sessions.getSideOutput(LATE).sinkTo(job.jsonSink("late")).name("late clicks");

        env.execute(job.jobName());
    }

    /** Clicks, distinct pages, and the pages of the earliest and latest click of a session. */
    public static class SessionAccumulator {
        public long clicks;
        public HashSet<String> pages = new HashSet<>();
        public String firstPage;
        public long firstAt = Long.MAX_VALUE;
        public String lastPage;
        public long lastAt = Long.MIN_VALUE;

        public SessionAccumulator() {}
    }

    static final class SessionAggregate implements AggregateFunction<Click, SessionAccumulator, SessionAccumulator> {
        private static final long serialVersionUID = 1L;

        @Override
        public SessionAccumulator createAccumulator() {
            return new SessionAccumulator();
        }

        @Override
        public SessionAccumulator add(Click c, SessionAccumulator acc) {
            acc.clicks++;
            acc.pages.add(c.page);
            if (c.ts < acc.firstAt) {
                acc.firstAt = c.ts;
                acc.firstPage = c.page;
            }
            if (c.ts >= acc.lastAt) {
                acc.lastAt = c.ts;
                acc.lastPage = c.page;
            }
            return acc;
        }

        @Override
        public SessionAccumulator getResult(SessionAccumulator acc) {
            return acc;
        }

        /** Sessions merge when a click bridges them; {@code a} is the earlier-created one. */
        @Override
        public SessionAccumulator merge(SessionAccumulator a, SessionAccumulator b) {
            a.clicks += b.clicks;
            a.pages.addAll(b.pages);
            if (b.firstAt < a.firstAt) {
                a.firstAt = b.firstAt;
                a.firstPage = b.firstPage;
            }
            if (b.lastAt >= a.lastAt) {
                a.lastAt = b.lastAt;
                a.lastPage = b.lastPage;
            }
            return a;
        }
    }

    static final class ToSession extends ProcessWindowFunction<SessionAccumulator, UserSession, String, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(String userId, Context context, Iterable<SessionAccumulator> results, Collector<UserSession> out) {
            SessionAccumulator acc = results.iterator().next();
            UserSession s = new UserSession();
            s.userId = userId;
            s.sessionStart = context.window().getStart();
            s.clicks = acc.clicks;
            s.distinctPages = acc.pages.size();
            s.firstPage = acc.firstPage;
            s.lastPage = acc.lastPage;
            s.durationMs = acc.lastAt - context.window().getStart();
            out.collect(s);
        }
    }
}
