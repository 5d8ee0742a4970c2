import { pipeline, kafka, redis, mongo, type Int } from "tsflink";

// Sink functions that return an enum: its value is the symbol, a string, which a Redis key, value
// or member and a MongoDB _id take as they take a string.

interface Order {
  id: string;
  status: "NEW" | "PAID";
  qty: Int;
}

export default pipeline({ name: "database-sink-enum-keys" }, (p) => {
  const orders = p.source(kafka.source<Order>({ topic: "orders" }));
  orders.to(redis.sink({ name: "by-status", key: (o) => o.status, value: (o) => o.status }));
  orders.to(redis.sink({ name: "status-board", key: (o) => `board:${o.id}`, sortedSet: { member: (o) => o.status, score: (o) => o.qty } }));
  orders.to(mongo.sink({ collection: "statuses", id: (o) => o.status }));
});
