import { pipeline, kafka, postgres, type Int, type Timestamp } from "tsflink";

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

export default pipeline({ name: "postgres-sink", parallelism: 2 }, (p) => {
  const orders = p.source(kafka.source<Order>({ topic: "orders" }));
  const totals = orders.map((o) => ({ customerId: o.customerId, status: o.status, amount: o.amount, at: o.createdAt }));

  totals.to(postgres.sink({ table: "customer_totals", key: ["customerId", "status"] }));
  orders.to(
    postgres.sink({
      table: "analytics.orders_log",
      batchSize: 1000,
      guarantee: "at-least-once",
      parallelism: 1,
      deadLetter: kafka.sink({ topic: "orders_log.rejected" }),
    }),
  );
  orders.filter((o) => o.status === "PAID").to(postgres.sink({ table: "paid", mode: "upsert", key: ["orderId"], name: "paid-orders" }));
});
