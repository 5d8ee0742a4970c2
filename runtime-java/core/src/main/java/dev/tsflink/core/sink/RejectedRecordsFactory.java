package dev.tsflink.core.sink;

import org.apache.flink.metrics.MetricGroup;

import java.io.Serializable;

/** Creates a sink's {@link RejectedRecords} where its writer or committer runs. */
@FunctionalInterface
public interface RejectedRecordsFactory extends Serializable {

    RejectedRecords create(MetricGroup metrics);
}
