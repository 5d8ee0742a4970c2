// A realistic pipeline of 30 operators (sources, filters, maps, keyed windows, joins, a process
// with state and timers, sinks), the compile-time benchmark's input: `tsflink compile` of it warm
// (in process, after one compile) should stay within 150 ms.
import {
  pipeline, kafka, postgres, redis, tumbling, sliding, session, agg, state,
  type Int, type Timestamp, type Out,
} from "tsflink";

interface Order {
  orderId: string;
  customerId: string;
  amount: number;
  quantity: Int;
  status: "NEW" | "PAID" | "CANCELLED";
  createdAt: Timestamp;
  coupon?: string;
  lines: { sku: string; price: number }[];
}
interface Payment { paymentId: string; orderId: string; amount: number; method: string; paidAt: Timestamp }
interface Click { userId: string; url: string; durationMs: Int; at: Timestamp }
interface Alert { customerId: string; reason: string; total: number; at: Timestamp }

const BIG_ORDER = 500;

export default pipeline({ name: "shop-analytics", parallelism: 2, checkpoint: { interval: "10s" } }, (p) => {
  const orders = p.source(kafka.source<Order>({
    topic: "orders",
    format: "avro",
    eventTime: { field: "createdAt", maxOutOfOrderness: "5s", idleness: "1m" },
    deadLetter: kafka.sink({ topic: "orders.dlq" }),
  }));
  const payments = p.source(kafka.source<Payment>({ topic: "payments", eventTime: { field: "paidAt", maxOutOfOrderness: "10s" } }));
  const clicks = p.source(kafka.source<Click>({ topic: "clicks", eventTime: { field: "at" } }));

  const paid = orders
    .filter((o) => o.status === "PAID" && o.amount > 0)
    .map((o) => ({
      orderId: o.orderId,
      customerId: o.customerId,
      amount: o.amount,
      big: o.amount >= BIG_ORDER,
      coupon: o.coupon ?? "none",
      items: o.lines.length,
      createdAt: o.createdAt,
    }));
  const bigOrders = paid.filter((o) => o.big);
  bigOrders.to(kafka.sink({ topic: "orders.big" }));

  const lines = orders.flatMap((o) => o.lines.map((l) => ({ orderId: o.orderId, sku: l.sku, price: l.price, at: o.createdAt })));
  const skuRevenue = lines
    .keyBy((l) => l.sku)
    .window(tumbling("1m"))
    .aggregate({ sku: agg.key(), revenue: agg.sum((l) => l.price), sold: agg.count(), windowEnd: agg.windowEnd() });
  skuRevenue.to(postgres.sink({ table: "sku_revenue_1m", key: ["sku", "windowEnd"] }));

  const perCustomer = paid
    .keyBy((o) => o.customerId)
    .window(sliding("10m", "1m"), { allowedLateness: "30s", late: kafka.sink({ topic: "orders.late" }) })
    .aggregate({
      customerId: agg.key(),
      orders: agg.count(),
      revenue: agg.sum((o) => o.amount),
      largest: agg.max((o) => o.amount),
      windowEnd: agg.windowEnd(),
    });
  perCustomer.to(redis.sink({
    key: (r) => `customer:${r.customerId}:revenue`,
    hash: (r) => ({ revenue: r.revenue, orders: r.orders, windowEnd: r.windowEnd }),
    ttl: "1h",
  }));
  const vip = perCustomer.filter((r) => r.revenue > 10 * BIG_ORDER).map((r) => ({ customerId: r.customerId, revenue: r.revenue, at: r.windowEnd }));
  vip.to(kafka.sink({ topic: "customers.vip" }));

  const settled = paid
    .keyBy((o) => o.orderId)
    .intervalJoin(payments.keyBy((x) => x.orderId), { between: ["-5m", "30m"] }, (o, x) => ({
      orderId: o.orderId,
      customerId: o.customerId,
      ordered: o.amount,
      paid: x.amount,
      method: x.method.toLowerCase(),
      short: x.amount < o.amount,
    }));
  const shortPaid = settled.filter((s) => s.short);
  shortPaid.to(kafka.sink({ topic: "payments.short" }));
  settled.to(postgres.sink({ table: "settled_orders", key: ["orderId"] }));

  const byMethod = payments
    .filter((x) => x.amount > 0)
    .keyBy((x) => x.method)
    .window(tumbling("5m"))
    .aggregate({ method: agg.key(), total: agg.sum((x) => x.amount), payments: agg.count() });
  byMethod.to(kafka.sink({ topic: "payments.by-method" }));

  const sessions = clicks
    .filter((c) => c.durationMs > 0)
    .keyBy((c) => c.userId)
    .window(session("30m"))
    .aggregate({ userId: agg.key(), clicks: agg.count(), pages: agg.countDistinct((c) => c.url), windowEnd: agg.windowEnd() });
  sessions.to(kafka.sink({ topic: "sessions" }));

  const checkout = clicks
    .filter((c) => c.url.startsWith("/checkout"))
    .map((c) => ({ customerId: c.userId, url: c.url, at: c.at }));
  const abandoned = checkout
    .keyBy((c) => c.customerId)
    .windowJoin(paid.keyBy((o) => o.customerId), tumbling("15m"), (c, o) => ({ customerId: c.customerId, url: c.url, orderId: o.orderId }));
  abandoned.to(kafka.sink({ topic: "checkout.converted" }));

  const alerts = paid.keyBy((o) => o.customerId).process({
    state: { total: state.value<number>(0) },
    onElement(o, s, out: Out<Alert>, ctx) {
      s.total = s.total + o.amount;
      if (s.total > 20 * BIG_ORDER) {
        out.emit({ customerId: o.customerId, reason: "spend", total: s.total, at: o.createdAt });
        s.total = 0;
      }
      ctx.timer(o.createdAt + 3_600_000);
    },
    onTimer(at, s) {
      s.total = 0;
    },
  });
  alerts.to(kafka.sink({ topic: "alerts" }));

  orders.filter((o) => o.status === "CANCELLED").to(kafka.sink({ topic: "orders.cancelled" }));
});
