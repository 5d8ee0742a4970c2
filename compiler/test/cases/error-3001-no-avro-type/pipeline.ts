import { pipeline, kafka } from "tsflink";

interface Payment {
  id: string;
  amount: bigint;
  at: Date;
  tags: Record<string, string>;
  pair: [string, number];
  onDone: () => void;
}

export default pipeline({ name: "payments" }, (p) => {
  p.source(kafka.source<Payment>({ topic: "payments" })).to(kafka.sink({ topic: "out" }));
});
