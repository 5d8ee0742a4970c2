import { pipeline, kafka, mongo, type Timestamp } from "tsflink";

interface Order {
  orderId: string;
  customerId: string;
  amount: number;
  createdAt: Timestamp;
  shipping: { city: string; country: string };
}

export default pipeline({ name: "mongo-sink" }, (p) => {
  const orders = p.source(kafka.source<Order>({ topic: "orders" }));
  orders.to(mongo.sink({ collection: "orders", id: (o) => o.orderId }));
  orders
    .map((o) => ({ customerId: o.customerId, lastAmount: o.amount, city: o.shipping.city }))
    .to(mongo.sink({ collection: "customers", id: (c) => `customer-${c.customerId}`, write: "merge", batchSize: 200 }));
});
