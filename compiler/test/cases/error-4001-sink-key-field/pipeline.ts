import { pipeline, kafka, postgres, type Timestamp } from "tsflink";

interface Order {
  orderId: string;
  amount: number;
  coupon?: string;
  createdAt: Timestamp;
}

export default pipeline({ name: "sink-keys" }, (p) => {
  const orders = p.source(kafka.source<Order>({ topic: "orders" }));
  orders.to(postgres.sink({ table: "orders", key: ["order_id"] }));
  orders.to(postgres.sink({ table: "by_coupon", key: ["coupon", "amount"] }));
});
