import { pipeline, kafka, type Int, type Long, type Timestamp } from "tsflink";

// Written for differential.test.ts: the function-body language of issue 3 — const/if/else/return,
// array methods, index, spread, Record<string, T> maps, the builtins and absent versus null — one
// output field per construct, compared between Node and the JVM on every generated record.

type Score = number;
interface Labelled<T> {
  label: string;
  value: T;
}
interface Sample {
  id: Int;
  a: number;
  b: number;
  s: string;
  t: string;
  nick?: string;
  referrer: string | null;
  inner?: { label: string; note?: string; weight?: number };
  count: Int;
  total: Long;
  at: Timestamp;
  flag: boolean;
  tags: string[];
  scores: Score[];
  counters: Record<string, Int>;
  method: "CARD" | "WIRE" | "CASH";
}

const LIMIT = 10;
const SEPARATOR = ",";
const NEGATIVE_ZERO = -0;

export default pipeline({ name: "differential-language", parallelism: 1 }, (p) => {
  const samples = p.source(kafka.source<Sample>({ topic: "differential.language" }));
  samples
    .map((r) => {
      const first = r.scores[0];
      const positive = r.scores.filter((x) => x > 0);
      const sum = r.scores.reduce((acc, x) => acc + x, 0);
      const tagged: Labelled<number> = { label: r.s, value: r.a };
      if (r.tags.length > LIMIT) {
        return { ...r, kind: "many", first: first ?? -1, sum, positive, tagged, nickText: `${r.nick}`, words: [] as string[] };
      }
      const kind = r.a > r.b ? "a" : r.a < r.b ? "b" : "same";
      if (kind === "same" && !r.flag) return { ...r, kind, first: 0, sum, positive, tagged, nickText: "", words: r.s.split("") };
      return {
        ...r,
        kind,
        first: first ?? (Number.isFinite(r.a) ? r.a : -2),
        sum,
        positive,
        tagged,
        nickText: `${r.nick}|${r.inner?.note}|${r.scores[3]}|${r.referrer}`,
        words: r.s.split(SEPARATOR),
      };
    })
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      first: r.first,
      sum: r.sum,
      positive: r.positive,
      taggedLabel: r.tagged.label,
      nickText: r.nickText,
      words: r.words,
      // array methods
      includesT: r.tags.includes(r.t),
      includesNaN: r.scores.map((x) => x / 0 - x / 0).includes(r.a - r.a),
      indexOfT: r.tags.indexOf(r.t),
      indexOfZero: r.scores.indexOf(0),
      sliced: r.scores.slice(1, -1),
      slicedFrom: r.tags.slice(-2),
      joined: r.tags.join("+"),
      joinedDefault: r.scores.join(),
      doubled: r.scores.map((x) => x * 2),
      lengths: r.tags.map((tag) => tag.length),
      someLong: r.tags.some((tag) => tag.length > 2),
      everyShort: r.tags.every((tag) => tag.length < 3),
      concatenated: r.tags.reduce((acc, tag) => acc + tag + "|", ">"),
      nested: r.tags.map((tag) => r.scores.filter((x) => x > tag.length).length),
      records: r.tags.map((tag) => ({ tag, upper: tag.toUpperCase() })),
      // index: in and out of range, non-integers
      second: r.tags[1] ?? "none",
      outOfRange: r.scores[r.count] ?? -1,
      fractional: r.scores[r.a] ?? -1,
      // Record<string, T> maps
      clicks: r.counters["clicks"] ?? 0,
      byTag: (Object.hasOwn(r.counters, r.t) ? r.counters[r.t] : undefined) ?? (-1 as Int),
      hasViews: "views" in r.counters,
      hasOwnT: Object.hasOwn(r.counters, r.t),
      keys: Object.keys(r.counters),
      keyCount: Object.keys(r.counters).length,
      // builtins
      rounded: Math.round(r.a),
      floored: Math.floor(r.b),
      ceiled: Math.ceil(r.a / 3),
      absolute: Math.abs(r.b),
      signed: Math.sign(r.a),
      truncated: Math.trunc(r.b),
      smallest: Math.min(r.a, r.b, r.count),
      largest: Math.max(r.a, r.b),
      power: Math.pow(r.a, 2),
      root: Math.sqrt(r.b),
      logged: Math.log(r.a),
      loggedAbs: Math.log(Math.abs(r.b)),
      exponential: Math.exp(r.a),
      exponentialInRange: Math.exp(r.b % 745),
      raised: Math.pow(r.a, r.b),
      raisedToInt: Math.pow(r.b, r.count % 25),
      raisedNearOne: Math.pow(1 + r.a / 1e9, r.count),
      parsedInt: parseInt(r.s),
      parsedHex: parseInt(r.t, 16),
      parsedFloat: parseFloat(r.s),
      asNumber: Number(r.t),
      asString: String(r.a),
      isFinite: Number.isFinite(r.a / r.b),
      isInteger: Number.isInteger(r.a),
      // absent (undefined) versus null
      nickIsNull: r.nick === null,
      nickIsUndefined: r.nick === undefined,
      referrerIsNull: r.referrer === null,
      nickNumber: Number(r.nick),
      weightNumber: Number(r.inner?.weight),
      nickString: String(r.nick),
      referrerString: String(r.referrer),
      absentTemplate: `${r.inner?.weight}`,
      nullTemplate: `${r.referrer}`,
      // an enum is a string: every string method, templates, comparisons
      methodLower: r.method.toLowerCase(),
      methodLength: r.method.length,
      methodHasA: r.method.includes("A"),
      methodSliced: r.method.slice(r.count % 5),
      methodTemplate: `${r.method}:${r.s}`,
      methodBefore: r.method < r.t,
      methodIsCard: r.method === "CARD",
      methodJoined: r.method + r.t,
      // branches of Int and number are a number, a double
      mixed: r.flag ? r.count : 0.5,
      mixedLong: r.a > r.b ? r.total : r.count,
      // `as` between types held alike converts nothing
      methodText: (r.method as string).padEnd(6, "."),
      countNumber: (r.count as number) / 2,
      countLong: r.count as number as Long,
      totalStamp: r.total as number as Timestamp,
      nickAsserted: `${r.nick as string}`,
      nickAssertedLength: (r.nick as string | undefined)?.length ?? -1,
      labelled: ({ label: r.t, value: r.b }) as Labelled<number>,
      // `satisfies` keeps the record's own type ({ label: string; value: Int })
      checked: { label: r.s, value: r.count } satisfies Labelled<number>,
      method: r.method satisfies string,
      // -0 written as a constant keeps its sign (JSON would write it as 0)
      negativeZero: `${1 / -0}|${1 / NEGATIVE_ZERO}|${1 / (r.a * -0)}|${Math.max(-0, 0 * r.b)}`,
    }))
    .to(kafka.sink({ topic: "differential.language.out" }));
});
