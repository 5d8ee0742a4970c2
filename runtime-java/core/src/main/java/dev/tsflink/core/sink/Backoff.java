package dev.tsflink.core.sink;

import org.slf4j.Logger;

import java.time.Duration;

/**
 * Retries an action while the database is unavailable, waiting 1 s, then twice as long after each
 * failure, up to 30 s between attempts, for as long as it takes: a database that restarts must
 * delay the job, not fail it. Every failed attempt is logged at WARN with the wait and the reason.
 */
public final class Backoff {

    public static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    public static final Duration MAX_DELAY = Duration.ofSeconds(30);

    /** One attempt of the action. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws SinkUnavailableException;
    }

    /** How to wait; tests pass one that records the delays instead of sleeping through them. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration delay) throws InterruptedException;
    }

    private final Logger log;
    private final String what;
    private final Sleeper sleeper;
    private long retries;

    /** @param what what is retried, for the log line: {@code commit to PostgreSQL table orders} */
    public Backoff(Logger log, String what) {
        this(log, what, delay -> Thread.sleep(delay.toMillis()));
    }

    public Backoff(Logger log, String what, Sleeper sleeper) {
        this.log = log;
        this.what = what;
        this.sleeper = sleeper;
    }

    /** The delay after {@code failures} consecutive failures (1 → 1 s, 2 → 2 s, … capped at 30 s). */
    public static Duration delayAfter(int failures) {
        long seconds = FIRST_DELAY.toSeconds() << Math.min(failures - 1, 5);
        return seconds > MAX_DELAY.toSeconds() ? MAX_DELAY : Duration.ofSeconds(seconds);
    }

    /**
     * Runs {@code attempt} until it does not throw {@link SinkUnavailableException}.
     *
     * @throws InterruptedException when the task is cancelled while waiting
     */
    public <T> T run(Attempt<T> attempt) throws InterruptedException {
        int failures = 0;
        while (true) {
            try {
                T result = attempt.run();
                if (failures > 0) {
                    log.info("{} succeeded after {} failed attempt{}", what, failures, failures == 1 ? "" : "s");
                }
                return result;
            } catch (SinkUnavailableException e) {
                failures++;
                retries++;
                Duration delay = delayAfter(failures);
                log.warn("{} failed (attempt {}), retrying in {} s: {}", what, failures, delay.toSeconds(), e.getMessage());
                sleeper.sleep(delay);
            }
        }
    }

    /** Failed attempts so far, over every {@link #run}. */
    public long retries() {
        return retries;
    }
}
