package dev.tsflink.core.codec;

/**
 * The longs a source accepts: pipeline functions see {@code Long} and {@code Timestamp} fields as
 * JavaScript numbers, which hold integers exactly only up to 2^53 − 1. Beyond that two different
 * longs would be one number in JavaScript (equal keys, equal outputs) and distinct in the harness,
 * so such a record is refused with its reason, as avsc refuses to decode it, rather than rounded
 * silently as {@code JSON.parse} would.
 */
final class JsSafeIntegers {

    /** {@code Number.MAX_SAFE_INTEGER}. */
    static final long MAX = (1L << 53) - 1;

    /** Appended to a type's description in range errors. */
    static final String RANGE = " (±9007199254740991, the integers a JavaScript number holds exactly)";

    private JsSafeIntegers() {}

    /** {@code value}, or an error naming the field at {@code path} when JavaScript cannot hold it exactly. */
    static long check(long value, String path, String what) throws DecodeException {
        if (value > MAX || value < -MAX) {
            throw new DecodeException("field '" + path + "': " + value + " is outside the range of a " + what + RANGE);
        }
        return value;
    }
}
