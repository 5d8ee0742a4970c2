import { pipeline, kafka, type Int, type Long, type Timestamp } from "tsflink";

// Written for differential.test.ts: the map computes one output field per construct the
// translator supports, so one run compares every construct on every generated record. The test
// evaluates these very arrow functions in Node as the oracle.

interface Sample {
  id: Int;
  a: number;
  b: number;
  s: string;
  t: string;
  nick?: string;
  inner?: { label: string; note?: string; weight?: number };
  count: Int;
  total: Long;
  at: Timestamp;
  flag: boolean;
  tags: string[];
  scores: number[];
}

const LIMIT = 1000;
const PREFIX = "p:";
const HUGE = 1e21;
const TINY = 1e-7;
const ON = true;

export default pipeline({ name: "differential-constructs", parallelism: 1 }, (p) => {
  const samples = p.source(kafka.source<Sample>({ topic: "differential.samples" }));
  samples
    .filter((r) => (r.id % 10 !== 3 && !(r.a / r.b < -LIMIT)) || (r.s.length > 2 && r.flag === ON) || (r.nick?.startsWith("x") ?? false) || r.tags.length === 0)
    .map((r) => ({
      id: r.id,
      // arithmetic, division by zero, remainder on negatives, -0
      sum: r.a + r.b,
      difference: r.a - r.b,
      product: r.a * r.b,
      quotient: r.a / r.b,
      remainder: r.a % r.b,
      intRemainder: r.count % 7,
      negativeRemainder: -r.count % 3,
      byZero: r.a / 0,
      zeroByZero: (r.a - r.a) / 0,
      negativeZero: r.a * 0 * -1,
      mixed: (r.a * 3 - r.b / 7) % 5,
      // comparisons of numbers (incl. NaN) and of strings (UTF-16 code unit order)
      less: r.a < r.b,
      lessEqual: r.a <= r.b,
      greater: r.count > r.total,
      greaterEqual: r.at >= r.total,
      nanLess: r.a / r.b < 1,
      stringLess: r.s < r.t,
      stringLessEqual: r.s <= r.t,
      stringGreater: r.s > r.t,
      stringGreaterEqual: r.s >= r.t,
      // strict equality: NaN, -0 against 0, strings, optionals
      equal: r.a === r.b,
      notEqual: r.a !== r.b,
      nanEqual: r.a / r.b === r.a / r.b,
      nanNotEqual: r.a / r.b !== r.a / r.b,
      zeroEqual: r.a * 0 === r.a * -0,
      stringEqual: r.s === r.t,
      stringNotEqual: r.s !== "",
      nickEqual: r.nick === r.s,
      // logical operators with non-boolean operands: they yield an operand
      numberOr: r.a || r.b,
      numberAnd: r.a && r.b,
      nanOr: (r.a - r.a) / 0 || r.count,
      stringOr: r.s || r.t,
      stringAnd: r.s && r.t,
      nickOr: r.nick || "anonymous",
      nickCoalesce: r.nick ?? r.s,
      weightCoalesce: r.inner?.weight ?? -1,
      booleanMix: (r.flag && r.a > 0) || r.count < 0,
      // negation and truthiness
      notNumber: !r.a,
      notString: !r.s,
      notNick: !r.nick,
      notNaN: !((r.a - r.a) / 0),
      notLength: !r.tags.length,
      // unary minus and plus
      negated: -r.a,
      negatedInt: -r.count,
      plusLong: +r.total,
      plusBoolean: +r.flag,
      // conditional with truthiness
      ternary: r.a > r.b ? r.s : r.t,
      truthyTernary: r.a ? "truthy" : "falsy",
      stringTernary: r.s ? r.s.length : -1,
      nickTernary: r.nick ? r.nick : "none",
      // template literals and string + (JS number formatting)
      template: `${r.a}|${r.b}|${r.count}|${r.total}|${r.at}|${r.flag}`,
      templateArithmetic: `${r.a * 1e20 * 10}|${r.a / 1e6 / 10}|${r.a / r.b}|${-r.a * 0}|${r.a / 0}|${-r.b / 0}`,
      templateArrays: `[${r.tags}] [${r.scores}]`,
      templateNick: `${PREFIX}${r.nick ?? "-"}${r.inner?.label ?? "?"}`,
      plusConcat: PREFIX + r.a + r.count,
      plusNumberFirst: r.a + r.b + r.s,
      plusStringFirst: r.s + r.a + r.b,
      plusExponents: "" + r.b * 1e15 + "," + r.b * 1e16 + "," + r.b / 1e6 + "," + r.b / 1e7,
      // optional chaining on records and method calls
      label: r.inner?.label,
      note: r.inner?.note,
      noteTrimmed: r.inner?.note?.trim(),
      nickUpper: r.nick?.toUpperCase(),
      nickHasA: r.nick?.includes("a"),
      labelLength: r.inner?.label.length,
      weight: r.inner?.weight,
      // strings
      length: r.s.length,
      tagCount: r.tags.length,
      scoreCount: r.scores.length,
      upper: r.s.toUpperCase(),
      lower: r.s.toLowerCase(),
      trimmed: r.s.trim(),
      trimmedLength: r.t.trim().length,
      includes: r.s.includes(r.t),
      includesEmpty: r.s.includes(""),
      startsWith: r.s.startsWith(r.t),
      endsWith: r.s.endsWith(r.t),
      // numeric literals whose shortest form has an exponent, inline and as module constants
      literalHuge: r.a * 1e21,
      literalTiny: r.a * 1e-7,
      constantHuge: r.a * HUGE,
      constantTiny: `${r.a * TINY}`,
      // Int, Long and Timestamp in arithmetic, and coercion back
      intArithmetic: r.count * 2 + 1,
      longArithmetic: r.total / 3,
      age: r.at - r.total,
      nextCount: ((r.count % LIMIT) * 3) as Int,
      longSum: (r.total + r.count) as Long,
      later: (r.at + 60000) as Timestamp,
      at: r.at,
      total: r.total,
      count: r.count,
      tags: r.tags,
      scores: r.scores,
    }))
    .to(kafka.sink({ topic: "differential.constructs" }));
});
