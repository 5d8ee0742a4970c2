import { pipeline, kafka, tumbling, type Timestamp } from "tsflink";

// A window join of orders and shipments per order in one-hour windows.
interface Order {
  orderId: string;
  amount: number;
  at: Timestamp;
}
interface Shipment {
  orderId: string;
  carrier: string;
  at: Timestamp;
}

export default pipeline({ name: "order-shipments" }, (p) => {
  const orders = p.source(kafka.source<Order>({ topic: "orders", eventTime: { field: "at" } }));
  const shipments = p.source(kafka.source<Shipment>({ topic: "shipments", eventTime: { field: "at" } }));
  const shipped = orders
    .keyBy((o) => o.orderId)
    .windowJoin(shipments.filter((s) => s.carrier !== "").keyBy((s) => s.orderId), tumbling("1h"), (o, s) => ({
      orderId: o.orderId,
      amount: o.amount,
      carrier: s.carrier,
      hoursToShip: (s.at - o.at) / 3_600_000,
    }));
  shipped.to(kafka.sink({ topic: "order-shipments" }));
});
