import { pipeline, kafka, type Int, type Long, type Timestamp } from "tsflink";

// Constructs once refused or miscompiled: string methods on a string-literal union (an enum, whose
// value is a string), branches of Int and number (a number), a template literal key (a string),
// `as` between types the graph holds alike (nothing emitted), and statements with no effect.

type Method = "CARD" | "WIRE" | "CASH";
interface Payment {
  id: string;
  method: "CARD" | "WIRE";
  qty: Int;
  total: Long;
  price: number;
  at: Timestamp;
  note?: string;
}

export default pipeline({ name: "string-unions-and-casts" }, (p) => {
  const payments = p.source(kafka.source<Payment>({ topic: "payments" }));
  payments
    .map((x) => {
      ;
      type Line = { amount: number; label: string };
      const line: Line = { amount: x.price > 1 ? x.qty : 1, label: `${x.method}-${x.id}` };
      return {
        lower: x.method.toLowerCase(),
        length: x.method.length,
        wire: x.method.includes("IR"),
        before: x.method < "D",
        line,
        asText: x.method as string,
        asWider: x.method as Method,
        qtyNumber: x.qty as number,
        qtyLong: x.qty as number as Long,
        totalStamp: x.total as number as Timestamp,
        priceInt: x.price as Int,
        note: `${x.note as string}`,
      };
    })
    .to(kafka.sink({ topic: "payments.out" }));
  payments
    .keyBy((x) => `${x.method}|${x.id}`)
    .reduce((a, b) => ({ ...b, qty: (a.qty + b.qty) as Int }))
    .to(kafka.sink({ topic: "payments.totals" }));
});
