import { pipeline, kafka } from "tsflink";

interface Payment {
  orderId: string;
  customerId: string;
  status: "NEW" | "PAID";
  amount: number;
}

export default pipeline({ name: "payments", parallelism: 1, checkpoint: { interval: "2s" } }, (p) => {
  const payments = p.source(kafka.source<Payment>({ topic: "payments", format: "json", startFrom: "earliest" }));
  const paid = payments.filter((o) => o.status === "PAID" && o.amount > 50);
  paid.to(kafka.sink({ topic: "payments.paid", format: "json" }));
  payments.filter((o) => o.status === "NEW").to(kafka.sink({ topic: "payments.new", format: "json" }));
});
