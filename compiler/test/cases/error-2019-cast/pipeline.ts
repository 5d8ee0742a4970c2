import { pipeline, kafka, type Int } from "tsflink";

// `as` converts nothing in JavaScript. Assertions the job graph cannot honour as they are — to
// `any`, between record shapes, between a number and a string, or claiming that any string is a
// member of a union — are refused where they are written.

type Method = "CARD" | "WIRE";
interface Payment {
  id: string;
  method: Method;
  qty: Int;
  note?: string;
}
interface Refund {
  refundId: string;
}

export default pipeline({ name: "casts" }, (p) => {
  const payments = p.source(kafka.source<Payment>({ topic: "payments" }));
  payments.map((x) => ({ length: (x.id as any).length as number })).to(kafka.sink({ topic: "any" }));
  payments.map((x) => ({ refund: x as unknown as Refund })).to(kafka.sink({ topic: "shapes" }));
  payments.map((x) => ({ text: x.qty as unknown as string })).to(kafka.sink({ topic: "number-as-string" }));
  payments.map((x) => ({ method: x.id as Method, first: x.note as "CARD" })).to(kafka.sink({ topic: "string-as-member" }));
});
