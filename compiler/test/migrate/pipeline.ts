import { pipeline, kafka, postgres, type Int, type Long, type Timestamp } from "tsflink";

interface Order {
  orderId: string;
  amount: number;
  quantity: Int;
  sequence: Long;
  paid: boolean;
  createdAt: Timestamp;
  status: "NEW" | "PAID";
  coupon?: string;
  lines: { sku: string; price: number }[];
  shipping: { city: string };
}

export default pipeline({ name: "migrate-test" }, (p) => {
  const orders = p.source(kafka.source<Order>({ topic: "migrate-test.orders" }));
  orders.to(postgres.sink({ table: "migrate_test.orders_by_id", key: ["orderId"] }));
  orders.to(postgres.sink({ table: "migrate_test.orders_log" }));
});
