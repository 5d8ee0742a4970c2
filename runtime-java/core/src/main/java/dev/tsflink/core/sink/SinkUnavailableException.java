package dev.tsflink.core.sink;

/**
 * The database could not take the batch for a reason that is not the records' (unreachable,
 * restarting, out of memory, a conflicting transaction): the same batch is tried again later.
 * The message must name the database and the reason, never a credential.
 */
public final class SinkUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public SinkUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
