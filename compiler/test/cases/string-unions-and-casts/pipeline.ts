import { pipeline, kafka, agg, tumbling, type Int, type Long, type Timestamp } from "tsflink";

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
  const payments = p.source(kafka.source<Payment>({ topic: "payments", eventTime: { field: "at" } }));
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
  // This key's type is "CARD-true" | "CARD-false" | …: a string the function computes, not an enum.
  payments
    .keyBy((x) => `${x.method}-${x.qty > 2}`)
    .reduce((a, b) => ({ ...b, qty: (a.qty + b.qty) as Int }))
    .to(kafka.sink({ topic: "payments.by-size" }));
  // An aggregate's value has exactly its function's type: the asserted one.
  payments
    .keyBy((x) => x.method)
    .window(tumbling("1m"))
    .aggregate({ method: agg.key(), first: agg.first((x) => x.method as string), lastQty: agg.last((x) => x.qty as number) })
    .to(kafka.sink({ topic: "payments.firsts" }));
});
