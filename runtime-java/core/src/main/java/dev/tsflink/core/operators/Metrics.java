package dev.tsflink.core.operators;

import dev.tsflink.core.expr.RecordException;

/** Names of the metrics tsflink operators register, and how a dropped record's reason reads. */
public final class Metrics {

    /** Records a user function failed on (README: Expressions). */
    public static final String RECORD_ERRORS = "tsflink_recordErrors";

    /** How many record errors are logged before only every 1,000th is. */
    public static final int RECORD_ERRORS_LOGGED_IN_FULL = 10;

    /** Records later than a window's allowed lateness, without a late sink (README: window-aggregate). */
    public static final String LATE_RECORDS = "tsflink_lateRecords";

    /** Source values that did not decode (README: kafka-source). */
    public static final String DEAD_LETTERS = "tsflink_deadLetters";

    private Metrics() {}

    /** A record error's reason: our own messages as they are, anything else with its class. */
    public static String describe(RuntimeException e) {
        if (e instanceof RecordException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
