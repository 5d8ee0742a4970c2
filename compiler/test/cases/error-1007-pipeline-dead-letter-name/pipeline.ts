import { pipeline, kafka } from "tsflink";

// A sink named like the pipeline's dead-letter sink would share its uid and transactions.
interface Payment {
  orderId: string;
  amount: number;
}

export default pipeline({ name: "payments", deadLetter: kafka.sink({ topic: "payments.failed" }) }, (p) => {
  const payments = p.source(kafka.source<Payment>({ topic: "payments" }));
  payments.to(kafka.sink({ topic: "payments.copy", name: "pipeline.dead-letters" }));
});
