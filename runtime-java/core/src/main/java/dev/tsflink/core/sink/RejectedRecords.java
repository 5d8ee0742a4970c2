package dev.tsflink.core.sink;

import org.apache.flink.types.Row;

/**
 * Where the records a database refuses for what they are (a constraint, a type, a size) go, so
 * the rest of their batch can still commit: a Kafka dead-letter topic, or a counter and a log.
 * Every implementation counts them in {@value #METRIC}.
 */
public interface RejectedRecords extends AutoCloseable {

    /** The operator metric counting rejected records (README: postgres-sink, mongo-sink, redis-sink). */
    String METRIC = "tsflink_rejectedRecords";

    void reject(Row record, String reason);

    /**
     * Makes every record rejected so far durable. Called before the database commits the batch
     * that leaves them out, so none is lost when the job fails between the two.
     */
    void flush() throws SinkUnavailableException;

    @Override
    void close();
}
