import fc from "fast-check";

// Inputs of the windows and joins pipelines: hand-picked records first (each targets one edge of
// window assignment, firing, lateness or a join bound), then generated ones later in time. Times
// are offsets from T0, a multiple of every window size; the sources allow 2 s of out-of-orderness.

const T0 = 1_700_000_010_000;
const OUT_OF_ORDERNESS = 2_000;

/** Doubles that make sums depend on the order of addition, NaN and infinities through the functions, and -0 through `/`. */
const amount = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -100, max: 100 }),
  fc.constantFrom(0, 0.1, 0.2, 0.3, -0.5, 1 / 3, 1e16, -1e16, 1, 2 ** 53, 5e-324, 1e308, -1e308, 1e-7),
);
const long = fc.oneof(fc.maxSafeInteger(), fc.constantFrom(0, -1, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 31));
const label = fc.oneof(fc.constantFrom("", "x", "skip", "ab", "abc", "ΑΣ", "😀😀", "\u0000", "a b", "é", "e\u0301"), fc.string({ maxLength: 4 }));

/**
 * Times from steps and lags: each record moves a cursor forward by `step` and sits `lag` before it.
 * A lag up to the out-of-orderness keeps the record ahead of the watermark; a longer one (only
 * where `lateBy` allows) makes it late by up to that much.
 */
function times(moves: readonly { step: number; lag: number }[], start: number): number[] {
  let cursor = start;
  return moves.map(({ step, lag }) => {
    cursor += step;
    return cursor - lag;
  });
}

const moves = (lateBy: number): fc.Arbitrary<{ step: number; lag: number }> =>
  fc.record({
    step: fc.oneof(fc.constantFrom(0, 1, 999, 1000, 2000, 2999, 3000, 3001, 5000), fc.integer({ min: 0, max: 1500 })),
    lag: fc.oneof(
      { weight: 8, arbitrary: fc.constant(0) },
      { weight: 3, arbitrary: fc.constantFrom(1, OUT_OF_ORDERNESS - 1, OUT_OF_ORDERNESS) },
      { weight: 3, arbitrary: fc.integer({ min: 0, max: OUT_OF_ORDERNESS }) },
      { weight: lateBy > 0 ? 2 : 0, arbitrary: fc.integer({ min: OUT_OF_ORDERNESS + 1, max: OUT_OF_ORDERNESS + Math.max(lateBy, 1) }) },
    ),
  });

// ---- windows ----

const event = fc.record({
  user: fc.constantFrom("", "a", "A", "ß", "😀", "e\u0301", "\u00e9"),
  amount,
  qty: fc.integer({ min: -3, max: 3 }),
  big: long,
  label,
});
const EVENT = { user: "edge", amount: 1, qty: 1, big: 7, label: "x" };

/**
 * The windows pipeline's events (tumbling 10 s with 5 s lateness, sliding 10 s by 5 s with 3 s,
 * sessions of a 3 s gap with 4 s). The comments give each edge record's watermark on arrival.
 */
export function windowEvents(seed: number, generated: number): object[] {
  const at = (offset: number, fields: object = {}): object => ({ ...EVENT, at: T0 + offset, ...fields });
  const edges = [
    // A window's first and last millisecond, the next window's first, equal timestamps.
    at(0, { amount: 0.1 }), at(0, { amount: 0.2, label: "" }), at(9_999, { amount: 0.3, label: "😀😀" }), at(10_000, { qty: 0, amount: 0 }),
    at(10_000, { qty: -2, amount: 0, label: "ΑΣ" }), at(10_000, { qty: 0, amount: -0.5 }),
    // Sessions (keyed by qty 2): 3 s apart merge, as Flink's windows that touch; 3.001 s apart do not.
    at(20_000, { qty: 2 }), at(23_000, { qty: 2, amount: 1e16 }), at(26_001, { qty: 2, amount: -1e16 }), at(26_001, { qty: 2 }),
    // Out of order within the bound (watermark 26_001 - 2_001 = 24_000 before).
    at(24_001, { qty: 2, user: "ß" }), at(25_000, { user: "ß", amount: 1e308 }), at(25_000, { user: "ß", amount: 1e308 }),
    // Watermark 43_999: [30 s, 40 s) has fired and is kept until 44_999.
    at(35_000, { user: "late" }), at(46_000, { user: "late", amount: 1 / 3 }),
    at(35_000, { user: "late", amount: 2, label: "within" }), // re-fires [30 s, 40 s); of the sliding windows only [35 s, 45 s) takes it
    at(25_000, { user: "late", label: "beyond" }), // [20 s, 30 s) was dropped at 34_999: to the late sink
    at(44_500, { user: "late" }),
    // Watermark 44_998 then 44_999: [30 s, 40 s) takes its last record, then drops it.
    at(46_999, { user: "late", qty: 3 }), at(39_999, { user: "late", label: "last" }),
    at(47_000, { user: "late", qty: 3 }), at(39_999, { user: "late", label: "dropped" }),
    // Late records that extend a session (qty 3: [46_999, 50_000)) backwards: one overlapping it, one touching the result.
    at(44_000, { qty: 3, user: "late" }), at(41_000, { qty: 3, user: "late", amount: 0.1 }),
    // NaN (0 / 0), -0 (0 / -1) and ±Infinity (x / 0) in ratios; the empty string and Unicode keys.
    at(48_000, { user: "", amount: 0, qty: 0 }), at(48_000, { user: "", amount: 0, qty: -1 }), at(48_001, { user: "", amount: 5, qty: 0 }),
    at(48_002, { user: "😀", amount: -5, qty: 0, big: -(2 ** 53 - 1) }), at(48_003, { user: "😀", amount: 0, qty: 1, big: 2 ** 53 - 1 }),
    // Both infinities in one window's avg (amount × qty) give NaN; its sum cancels exactly to 0.
    at(58_000, { user: "inf", amount: 1e308, qty: 5 }), at(58_001, { user: "inf", amount: -1e308, qty: 5 }),
    // Two sessions (qty 4: [60 s, 65 s) and [65.5 s, 69 s)) that a record at 64 s merges: the exact
    // sum is 3; adding in arrival order gives 2, adding the sessions' partial sums 1e16 and -1e16
    // (each rounded) and then the 1 gives 1. The tumbling window of "sums" holds the same five.
    at(60_000, { user: "sums", qty: 4 }), at(62_000, { user: "sums", qty: 4, amount: 1e16 }),
    at(65_500, { user: "sums", qty: 4, amount: -1e16 }), at(66_000, { user: "sums", qty: 4 }),
    at(64_000, { user: "sums", qty: 4 }), // watermark 63_999: [60 s, 65 s) has not fired
  ];
  const samples = fc.sample(fc.tuple(moves(15_000), event), { seed, numRuns: generated });
  const generatedTimes = times(samples.map(([m]) => m), T0 + 100_000);
  return [...edges, ...samples.map(([, e], i) => ({ ...e, at: generatedTimes[i] }))].map((r, id) => ({ ...r, id }));
}

// ---- joins ----

const item = fc.constantFrom("a", "A", "b", "ab", "ß", "SS", "😀", "", "edge");
const view = fc.record({
  item,
  price: fc.oneof(amount, fc.constant(0)),
  qty: fc.integer({ min: -2, max: 3 }),
  note: fc.option(label, { nil: undefined }),
});
const buy = fc.record({
  item,
  paid: amount,
  units: fc.oneof(fc.integer({ min: -2, max: 5 }), long),
  coupon: fc.option(fc.constantFrom("FREE", "F1", "", "x", "free"), { nil: null }),
});
const VIEW = { item: "edge", price: 2, qty: 1 };
const BUY = { item: "edge", paid: 1.5, units: 1, coupon: null };

/**
 * The joins pipeline's views and buys (interval join with right − left in [−1 s, 3 s], tumbling
 * window join of 5 s, session window join with a 2 s gap). No record is behind its source's
 * watermark: which records a two-input operator drops as late depends on how its inputs interleave.
 */
export function joinInputs(seed: number, generated: number): { views: object[]; buys: object[] } {
  const views = [
    { ...VIEW, at: T0 }, { ...VIEW, at: T0, price: 0 }, // the interval join's bounds are around T0
    { ...VIEW, at: T0 + 4_999, item: "w" }, { ...VIEW, at: T0 + 5_000, item: "W", qty: 0 }, // a window's last and the next one's first ms
    { ...VIEW, at: T0 + 10_000, item: "s", note: "" }, // sessions of "s"
    { ...VIEW, at: T0 + 20_000, item: "😀", price: 1e308, qty: 3 }, { ...VIEW, at: T0 + 19_000, item: "😀", price: -0.5, note: "é" },
    // Pairs follow timestamps, ties in arrival order: views of "t" arrive out of time order and
    // with equal times (one "T", which only the tumbling join's lower-cased key puts with them).
    // The view at 30_001 merges the sessions of 30_000 and 32_001.
    { ...VIEW, at: T0 + 30_000, item: "t" }, { ...VIEW, at: T0 + 32_001, item: "t" }, { ...VIEW, at: T0 + 30_001, item: "t", qty: 2 },
    { ...VIEW, at: T0 + 32_001, item: "t", qty: 3 }, { ...VIEW, at: T0 + 30_001, item: "T" },
  ];
  const buys = [
    { ...BUY, at: T0 - 1_001 }, { ...BUY, at: T0 - 1_000, coupon: "FREE" }, { ...BUY, at: T0 }, { ...BUY, at: T0 + 3_000, coupon: "" },
    { ...BUY, at: T0 + 3_001 },
    { ...BUY, at: T0 + 4_999, item: "W" }, { ...BUY, at: T0 + 5_000, item: "w", units: 2 },
    { ...BUY, at: T0 + 12_000, item: "s" }, // exactly the gap after the view: one session
    { ...BUY, at: T0 + 14_001, item: "s" }, // 2.001 s after: a session of its own
    { ...BUY, at: T0 + 20_000, item: "😀", paid: 1e308, coupon: "F1" }, { ...BUY, at: T0 + 18_500, item: "😀", paid: 0 },
    // The buys of "t" (see the views): out of time order, two pairs of equal times.
    { ...BUY, at: T0 + 31_000, item: "t" }, { ...BUY, at: T0 + 30_500, item: "t", units: 2 },
    { ...BUY, at: T0 + 31_000, item: "t", units: 3 }, { ...BUY, at: T0 + 30_500, item: "t", units: 4 },
  ];
  const generate = <T extends object>(arbitrary: fc.Arbitrary<T>, offset: number): object[] => {
    const samples = fc.sample(fc.tuple(moves(0), arbitrary), { seed: seed + offset, numRuns: generated });
    const at = times(samples.map(([m]) => ({ ...m, step: m.step * 2 })), T0 + 100_000);
    return samples.map(([, r], i) => ({ ...r, at: at[i] }));
  };
  const withIds = (records: object[], first: number): object[] => records.map((r, i) => ({ ...r, id: first + i }));
  return { views: withIds([...views, ...generate(view, 0)], 0), buys: withIds([...buys, ...generate(buy, 1)], 100_000) };
}
