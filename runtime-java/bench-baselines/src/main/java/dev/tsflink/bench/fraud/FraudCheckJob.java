package dev.tsflink.bench.fraud;

import dev.tsflink.bench.kafka.BenchJob;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * pipelines/fraud-check.ts by hand: per card, a large payment soon after a tiny one (a card being
 * tested before it is used) and a burst of payments within a minute raise alerts; an event-time
 * timer forgets a card after ten minutes without payments. State as the TypeScript declares it:
 * one value state per name, the way Flink's own fraud-detection walkthrough keeps its flags.
 */
public final class FraudCheckJob {

    static final double SMALL = 1;
    static final double LARGE = 500;
    static final long PROBE_MS = 60_000;
    static final long BURST_MS = 60_000;
    static final double BURST_COUNT = 4;
    static final long IDLE_MS = 10 * 60_000;

    private FraudCheckJob() {}

    public static void main(String[] args) throws Exception {
        BenchJob job = BenchJob.fromArgs("bench-baseline-fraud-check", args);
        StreamExecutionEnvironment env = job.environment();

        DataStream<Transaction> transactions = env.fromSource(
                job.source(new Transaction.Avro(), TypeInformation.of(Transaction.class)),
                BenchJob.<Transaction>eventTime((t, ts) -> t.ts, Duration.ofSeconds(5), Duration.ofMinutes(1)),
                "transactions");

        transactions
                .keyBy(t -> t.cardId)
                .process(new CardRules())
                .returns(Alert.class)
                .name("alerts")
                .sinkTo(job.jsonSink("alerts"))
                .name("alerts sink");

        env.execute(job.jobName());
    }

    static final class CardRules extends KeyedProcessFunction<String, Transaction, Alert> {
        private static final long serialVersionUID = 1L;

        private transient ValueState<Double> lastSmallAt;
        private transient ValueState<Double> burstStart;
        private transient ValueState<Double> burstCount;
        private transient ValueState<Double> lastSeen;

        @Override
        public void open(OpenContext openContext) {
            lastSmallAt = state("lastSmallAt");
            burstStart = state("burstStart");
            burstCount = state("burstCount");
            lastSeen = state("lastSeen");
        }

        private ValueState<Double> state(String name) {
            return getRuntimeContext().getState(new ValueStateDescriptor<>(name, Types.DOUBLE));
        }

        /** A value state reads as 0 while the card has none, as the TypeScript's initial values. */
        private static double read(ValueState<Double> state) throws java.io.IOException {
            Double value = state.value();
            return value == null ? 0 : value;
        }

        @Override
        public void processElement(Transaction t, Context ctx, Collector<Alert> out) throws Exception {
            double smallAt = read(lastSmallAt);
            if (t.amount < SMALL) {
                lastSmallAt.update((double) t.ts);
            } else if (t.amount > LARGE && smallAt > 0 && t.ts - smallAt <= PROBE_MS) {
                out.collect(new Alert(t.cardId, t.txId, "small-then-large", t.amount, t.ts));
                lastSmallAt.update(0.0);
            }

            double count = read(burstCount);
            if (count == 0 || t.ts - read(burstStart) >= BURST_MS) {
                burstStart.update((double) t.ts);
                burstCount.update(1.0);
            } else {
                burstCount.update(count + 1);
                if (count + 1 == BURST_COUNT) {
                    out.collect(new Alert(t.cardId, t.txId, "burst", t.amount, t.ts));
                }
            }

            lastSeen.update(Math.max(read(lastSeen), t.ts));
            ctx.timerService().registerEventTimeTimer(t.ts + IDLE_MS);
        }

        @Override
        public void onTimer(long at, OnTimerContext ctx, Collector<Alert> out) throws Exception {
            if (at >= read(lastSeen) + IDLE_MS) {
                lastSmallAt.clear();
                burstStart.clear();
                burstCount.clear();
                lastSeen.clear();
            }
        }
    }
}
