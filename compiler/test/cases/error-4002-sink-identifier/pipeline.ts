import { pipeline, kafka, mongo, postgres } from "tsflink";

interface Order {
  orderId: string;
  amount: number;
}

export default pipeline({ name: "sink-identifiers" }, (p) => {
  const orders = p.source(kafka.source<Order>({ topic: "orders" }));
  orders.to(postgres.sink({ table: "Orders; drop table x", key: ["orderId"] }));
  orders.to(postgres.sink({ table: "a.b.c" }));
  orders.to(mongo.sink({ collection: "$orders", id: (o) => o.orderId }));
});
