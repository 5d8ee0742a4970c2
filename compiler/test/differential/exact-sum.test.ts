import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { exactSum } from "./exact-sum.js";

// The oracle's `agg.sum` is only as good as this function: each case states the exact sum and
// why the double it rounds to is the one asserted.

const MAX = Number.MAX_VALUE;
const MIN_SUBNORMAL = 5e-324;
const MIN_NORMAL = 2 ** -1022;

describe("exactSum: the exact sum, rounded once to the nearest double", () => {
  test.each<[string, number[], number]>([
    // Adding in order gives 1 (1e16 + 1 rounds back to 1e16); the exact sum is 2.
    ["cancellation", [1, 1e16, -1e16, 1], 2],
    // 0.1 + 0.2 + 0.3 is exactly 21617278211378381 × 2^-55; 0.6 is 21617278211378380 × 2^-55 and
    // doubles there are 4 × 2^-55 apart, so the exact sum is a quarter of a step above 0.6.
    // Adding in order rounds 0.1 + 0.2 up to 0.30000000000000004 first and ends at 0.6000000000000001.
    ["0.1 + 0.2 + 0.3", [0.1, 0.2, 0.3], 0.6],
    ["0.3 + 0.2 + 0.1", [0.3, 0.2, 0.1], 0.6],
    // An intermediate sum beyond the double range does not overflow the result.
    ["an intermediate beyond MAX_VALUE", [1e308, 1e308, -1e308], 1e308],
    ["beyond MAX_VALUE", [1e308, 1e308], Infinity],
    ["below -MAX_VALUE", [-1e308, -1e308], -Infinity],
    // MAX_VALUE is (2^53 − 1) × 2^971; adding half a step (2^970) is a tie, and ties go to the even
    // significand 2^53 × 2^971 = 2^1024, which is beyond the range: Infinity.
    ["MAX_VALUE plus half a step", [MAX, 2 ** 970], Infinity],
    ["MAX_VALUE plus less than half a step", [MAX, 2 ** 969], MAX],
    ["MAX_VALUE plus half a step, taken back", [MAX, 2 ** 970, -(2 ** 970)], MAX],
    ["subnormals", [MIN_SUBNORMAL, MIN_SUBNORMAL], 1e-323],
    ["the largest subnormal", [MIN_NORMAL, -MIN_SUBNORMAL], MIN_NORMAL - MIN_SUBNORMAL],
    ["a subnormal from huge values", [1e308, MIN_SUBNORMAL, -1e308], MIN_SUBNORMAL],
    ["subnormals up to a normal", [MIN_NORMAL - MIN_SUBNORMAL, MIN_SUBNORMAL], MIN_NORMAL],
    // 2^53 + 1 lies halfway between 2^53 and 2^53 + 2: ties to the even significand, 2^53.
    ["a tie down to even", [2 ** 53, 1], 2 ** 53],
    // 2^53 + 3 lies halfway between 2^53 + 2 (odd significand) and 2^53 + 4 (even).
    ["a tie up to even", [2 ** 53, 3], 2 ** 53 + 4],
    // Just above the tie: rounding once sees the 2^-60, rounding twice would lose it.
    ["just above a tie", [2 ** 53, 1, 2 ** -60], 2 ** 53 + 2],
    ["just below a tie", [2 ** 53, 1, -(2 ** -60)], 2 ** 53],
    ["a negative tie", [-(2 ** 53), -1], -(2 ** 53)],
    ["the empty sum", [], 0],
    ["an exact zero", [1, -1], 0],
    ["a zero from huge values", [1e308, -1e308], 0],
    ["NaN", [1, NaN, 2], NaN],
    ["NaN with an infinity", [Infinity, NaN], NaN],
    ["both infinities", [Infinity, 1, -Infinity], NaN],
    ["Infinity with finite values beyond the range", [Infinity, -1e308, -1e308], Infinity],
    ["-Infinity", [1e308, -Infinity, 1e308], -Infinity],
  ])("%s", (_, values, expected) => {
    expect(exactSum(values)).toBe(expected);
  });

  test("an exact zero is 0, never -0", () => {
    expect(Object.is(exactSum([-0]), 0)).toBe(true);
    expect(Object.is(exactSum([-0, -0]), 0)).toBe(true);
    expect(Object.is(exactSum([-1, 1]), 0)).toBe(true);
    expect(Object.is(exactSum([-MIN_SUBNORMAL, MIN_SUBNORMAL]), 0)).toBe(true);
  });

  test("a single finite value is itself", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(exactSum([x])).toBe(x === 0 ? 0 : x);
      }),
    );
  });

  // Values k × 2^(e + d) with |k| < 2^20, d < 20 and at most 64 of them: the sum is an integer
  // below 2^46 times 2^e, so it is a double, and the integers compute it exactly.
  test("sums that are doubles come out exactly, in any order", () => {
    const terms = fc.array(fc.tuple(fc.integer({ min: -(2 ** 20), max: 2 ** 20 }), fc.integer({ min: 0, max: 19 })), { maxLength: 64 });
    fc.assert(
      fc.property(fc.integer({ min: -1074, max: 960 }), terms, fc.infiniteStream(fc.nat()), (e, parts, picks) => {
        const unit = powerOfTwo(e);
        const values = parts.map(([k, d]) => k * 2 ** d * unit);
        const units = parts.reduce((sum, [k, d]) => sum + k * 2 ** d, 0);
        const shuffled = [...values];
        const pick = picks[Symbol.iterator]();
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = pick.next().value! % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(exactSum(values)).toBe(units * unit + 0);
        expect(exactSum(shuffled)).toBe(units * unit + 0);
      }),
    );
  });

  test("the order of the values does not matter", () => {
    const value = fc.oneof(fc.double(), fc.constantFrom(1e16, -1e16, 1, 0.1, MAX, -MAX, MIN_SUBNORMAL, 2 ** 53));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 20 }), (values) => {
        const sum = exactSum(values);
        expect(exactSum([...values].reverse())).toBe(sum);
        expect(exactSum([...values].sort((a, b) => a - b))).toBe(sum);
      }),
    );
  });
});

/** 2^e by halving or doubling 1, each step exact, so the check does not rest on `**` for extreme exponents. */
function powerOfTwo(e: number): number {
  let p = 1;
  for (let i = 0; i < Math.abs(e); i++) p = e < 0 ? p / 2 : p * 2;
  return p;
}
