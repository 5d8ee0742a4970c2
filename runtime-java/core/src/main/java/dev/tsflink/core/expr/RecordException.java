package dev.tsflink.core.expr;

/**
 * A user function failed for one record (for example a {@code coerce} of {@code NaN}): the
 * operator drops that record and counts it; the job goes on.
 */
public final class RecordException extends RuntimeException {
    public RecordException(String message) {
        // No stack trace: these are data errors, reported by message, and can be frequent.
        super(message, null, false, false);
    }
}
