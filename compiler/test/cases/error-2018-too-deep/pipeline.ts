import { pipeline, kafka } from "tsflink";

interface Reading { sensor: string; m0: number; m1: number; m2: number; m3: number; m4: number; m5: number; m6: number; m7: number; m8: number; m9: number }

// 260 terms in one `+` chain nest 260 levels: TypeScript's checker and the translator recurse once
// per level, so the compiler refuses it here, before either runs, rather than overflow the stack.
export default pipeline({ name: "too-deep" }, (p) => {
  p.source(kafka.source<Reading>({ topic: "readings" }))
    .map((o) => ({
      sensor: o.sensor,
      total:
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9 +
        o.m0 + o.m1 + o.m2 + o.m3 + o.m4 + o.m5 + o.m6 + o.m7 + o.m8 + o.m9,
    }))
    .to(kafka.sink({ topic: "totals" }));
});
