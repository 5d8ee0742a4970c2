// The contract's `agg.sum`: the exact sum of the values, rounded once to the nearest double. It is
// computed here in integers, apart from any floating-point summation algorithm the JVM may use, so
// the differential test checks that algorithm rather than repeating it.

/** Every finite double is an integer multiple of 2^-1074, the smallest subnormal: sums are kept in those units. */
const SCALE = 1074n;
/** A normal double is (2^52 + fraction) × 2^(exponentField − 1075); a subnormal is fraction × 2^-1074. */
const HIDDEN_BIT = 1n << 52n;
const EXPONENT_OFFSET = 1075n;
/** The largest exponent field of a finite double; 2047 is Infinity and NaN. */
const MAX_EXPONENT_FIELD = 2046n;

/** `value` × 2^1074 as an integer: exact, as `value` is finite. */
function scaled(value: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const exponentField = (bits >> 52n) & 0x7ffn;
  const fraction = bits & (HIDDEN_BIT - 1n);
  const magnitude = exponentField === 0n ? fraction : (HIDDEN_BIT + fraction) << (exponentField - EXPONENT_OFFSET + SCALE);
  return bits >> 63n === 1n ? -magnitude : magnitude;
}

/** The double nearest to `total` × 2^-1074, ties to even, beyond the largest double ±Infinity. */
function rounded(total: bigint): number {
  if (total === 0n) return 0;
  const negative = total < 0n;
  let magnitude = negative ? -total : total;
  // Keep the top 53 bits; what is shifted out decides the rounding, once.
  let shift = 0n;
  const width = BigInt(magnitude.toString(2).length);
  if (width > 53n) {
    shift = width - 53n;
    const dropped = magnitude & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    magnitude >>= shift;
    if (dropped > half || (dropped === half && (magnitude & 1n) === 1n)) magnitude += 1n;
    if (magnitude === HIDDEN_BIT << 1n) {
      magnitude >>= 1n;
      shift += 1n;
    }
  }
  // The result is magnitude × 2^(shift − 1074). Below 2^52 (only when nothing was shifted out) it
  // is a subnormal; else magnitude is 2^52 + fraction.
  const exponentField = magnitude < HIDDEN_BIT ? 0n : shift - SCALE + EXPONENT_OFFSET;
  if (exponentField > MAX_EXPONENT_FIELD) return negative ? -Infinity : Infinity;
  const fraction = magnitude < HIDDEN_BIT ? magnitude : magnitude - HIDDEN_BIT;
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, ((negative ? 1n : 0n) << 63n) | (exponentField << 52n) | fraction);
  return view.getFloat64(0);
}

/**
 * The exact sum of `values` rounded once to the nearest double (ties to even), as the contract
 * defines `agg.sum`: NaN if any value is NaN or both infinities occur, else an infinity if one
 * occurs, ±Infinity beyond the double range, and `0` (never `-0`) for an exact zero.
 */
export function exactSum(values: readonly number[]): number {
  let positiveInfinity = false;
  let negativeInfinity = false;
  let total = 0n;
  for (const value of values) {
    if (Number.isNaN(value)) return NaN;
    if (value === Infinity) positiveInfinity = true;
    else if (value === -Infinity) negativeInfinity = true;
    else total += scaled(value);
  }
  if (positiveInfinity && negativeInfinity) return NaN;
  if (positiveInfinity) return Infinity;
  if (negativeInfinity) return -Infinity;
  return rounded(total);
}
