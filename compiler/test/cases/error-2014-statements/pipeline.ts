import { pipeline, kafka, state, type Int } from "tsflink";

// Every statement TypeScript allows in a function body that a pipeline function cannot have, each
// refused at its keyword with what to write instead, and nothing reported again where a refused
// declaration's names are used. `;` and type declarations have no effect and are accepted.

interface Payment {
  id: string;
  method: "CARD" | "WIRE";
  amount: number;
  tags: string[];
}

export default pipeline({ name: "statements" }, (p) => {
  const payments = p.source(kafka.source<Payment>({ topic: "payments" }));
  payments
    .map((x) => {
      switch (x.method) {
        case "CARD":
          return { fee: 1 };
        default:
          return { fee: 2 };
      }
    })
    .to(kafka.sink({ topic: "switch" }));
  payments
    .map((x) => {
      try {
        return { fee: x.id.repeat(2).length };
      } catch {
        return { fee: 0 };
      }
    })
    .to(kafka.sink({ topic: "try" }));
  payments
    .map((x) => {
      if (x.amount < 0) throw new Error("negative");
      let fee = x.amount / 100;
      var rate = 0.5;
      return { fee: fee * rate };
    })
    .to(kafka.sink({ topic: "throw-let-var" }));
  payments
    .map((x) => {
      checked: if (x.amount > 0) {
        return { fee: 1 };
      }
      for (const tag of x.tags) {
        return { fee: tag.length };
      }
      do {
        return { fee: 2 };
      } while (x.amount > 0);
    })
    .to(kafka.sink({ topic: "label-loops" }));
  payments
    .map((x) => {
      debugger;
      ;
      type Fee = { fee: number };
      function half(n: number): number {
        return n / 2;
      }
      const fee: Fee = { fee: half(x.amount) };
      enum Kind { A }
      x.amount;
      return fee;
    })
    .to(kafka.sink({ topic: "debugger-function-enum" }));
  payments
    .map((x) => {
      const { amount, id } = x;
      const [first] = x.tags;
      return { fee: amount, id, first };
    })
    .to(kafka.sink({ topic: "destructuring" }));
  payments
    .keyBy((x) => x.id)
    .process({
      state: { seen: state.value(0 as Int) },
      onElement(x, s, out) {
        switch (x.method) {
          case "CARD":
            out.emit({ id: x.id });
        }
        try {
          s.seen = s.seen + 1;
        } finally {
          out.emit({ id: x.id });
        }
        let copy = x.id;
        out.emit({ id: copy });
      },
    })
    .to(kafka.sink({ topic: "handler" }));
});
