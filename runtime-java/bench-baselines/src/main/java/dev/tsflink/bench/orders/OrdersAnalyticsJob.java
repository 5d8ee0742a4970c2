package dev.tsflink.bench.orders;

import dev.tsflink.bench.kafka.BenchJob;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * pipelines/bench/orders-analytics.ts by hand: paid orders reshaped, per-customer revenue in
 * one-minute tumbling windows (30 s allowed lateness), cancelled orders passed on. Each sink of the
 * API page's example (PostgreSQL, MongoDB, Redis) is a Kafka topic here, as in the compiled variant.
 */
public final class OrdersAnalyticsJob {

    private static final double BIG_ORDER = 500;

    private OrdersAnalyticsJob() {}

    public static void main(String[] args) throws Exception {
        BenchJob job = BenchJob.fromArgs("bench-baseline-orders-analytics", args);
        StreamExecutionEnvironment env = job.environment();

        DataStream<Order> orders = env.fromSource(
                job.source(new OrderAvro(), TypeInformation.of(Order.class)),
                BenchJob.<Order>eventTime((o, ts) -> o.createdAt, Duration.ofSeconds(5), Duration.ofMinutes(1)),
                "orders");

        DataStream<PaidOrder> paid = orders
                .filter(o -> o.status.equals("PAID") && o.amount > 0)
                .name("paid")
                .map(o -> {
                    PaidOrder p = new PaidOrder();
                    p.orderId = o.orderId;
                    p.customerId = o.customerId;
                    p.amount = o.amount;
                    p.big = o.amount >= BIG_ORDER;
                    p.city = o.shipping.city.toUpperCase();
                    p.coupon = o.coupon != null ? o.coupon : "none";
                    p.items = o.lines.length;
                    p.createdAt = o.createdAt;
                    return p;
                })
                .returns(PaidOrder.class)
                .name("paid · map");

        DataStream<CustomerRevenue> perCustomer = paid
                .keyBy(p -> p.customerId)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .allowedLateness(Duration.ofSeconds(30))
                .aggregate(new Revenue(), new WithKeyAndWindow())
                .name("perCustomer");

        perCustomer.sinkTo(job.jsonSink("customer_revenue_1m")).name("customer_revenue_1m");
        paid.sinkTo(job.jsonSink("paid_orders")).name("paid_orders");
        perCustomer.sinkTo(job.jsonSink("customer_revenue")).name("customer_revenue");
        orders.filter(o -> o.status.equals("CANCELLED")).name("cancelled")
                .sinkTo(job.jsonSink("orders_cancelled")).name("orders_cancelled");

        env.execute(job.jobName());
    }

    /** count, sum and max of one window. */
    public static class RevenueAccumulator {
        public long orders;
        public double revenue;
        public double largest = Double.NEGATIVE_INFINITY;

        public RevenueAccumulator() {}
    }

    static final class Revenue implements AggregateFunction<PaidOrder, RevenueAccumulator, RevenueAccumulator> {
        private static final long serialVersionUID = 1L;

        @Override
        public RevenueAccumulator createAccumulator() {
            return new RevenueAccumulator();
        }

        @Override
        public RevenueAccumulator add(PaidOrder p, RevenueAccumulator acc) {
            acc.orders++;
            acc.revenue += p.amount;
            acc.largest = Math.max(acc.largest, p.amount);
            return acc;
        }

        @Override
        public RevenueAccumulator getResult(RevenueAccumulator acc) {
            return acc;
        }

        @Override
        public RevenueAccumulator merge(RevenueAccumulator a, RevenueAccumulator b) {
            a.orders += b.orders;
            a.revenue += b.revenue;
            a.largest = Math.max(a.largest, b.largest);
            return a;
        }
    }

    static final class WithKeyAndWindow extends ProcessWindowFunction<RevenueAccumulator, CustomerRevenue, String, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(String customerId, Context context, Iterable<RevenueAccumulator> results, Collector<CustomerRevenue> out) {
            RevenueAccumulator acc = results.iterator().next();
            CustomerRevenue r = new CustomerRevenue();
            r.customerId = customerId;
            r.orders = acc.orders;
            r.revenue = acc.revenue;
            r.largest = acc.largest;
            r.windowStart = context.window().getStart();
            r.windowEnd = context.window().getEnd();
            out.collect(r);
        }
    }
}
