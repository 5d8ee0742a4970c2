import { pipeline, kafka, type Int } from "tsflink";

interface Payment {
  id: string;
  amount: bigint;
  at: Date;
  tags: Record<string, string>;
  pair: [string, number];
  onDone: () => void;
  // Named as the file names them (`Int`), or by name alone when the file cannot name them: a
  // diagnostic never shows the absolute path of the module that declares a type.
  code: Int | string;
  sink: Parameters<typeof kafka.sink>[0] | number;
}

export default pipeline({ name: "payments" }, (p) => {
  p.source(kafka.source<Payment>({ topic: "payments" })).to(kafka.sink({ topic: "out" }));
});
