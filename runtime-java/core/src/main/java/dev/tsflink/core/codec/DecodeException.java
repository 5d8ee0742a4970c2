package dev.tsflink.core.codec;

/** A value that is not a valid encoding of the expected record; the message is the reason. */
public final class DecodeException extends Exception {
    public DecodeException(String reason) {
        // No stack trace: the reason is the whole story, and bad input can be frequent.
        super(reason, null, false, false);
    }
}
