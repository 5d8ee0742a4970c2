import { pipeline, kafka } from "tsflink";

interface Payment {
  orderId: string;
  amount: number;
}

export default pipeline({ name: "payments", checkpoint: { interval: "2s" } }, (p) => {
  const payments = p.source(kafka.source<Payment>({ topic: "payments" }));
  payments.map((o) => ({ orderId: o.orderId, cents: Math.round(o.amount * 100) })).to(kafka.sink({ topic: "payments.cents" }));
});
