package dev.tsflink.core.connector;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness with the watermark emitted after every record instead of on Flink's
 * periodic timer: the watermark is the same function of the records seen so far
 * ({@code max timestamp - maxOutOfOrderness - 1}), but which records are late no longer depends on
 * how many records a timer tick happened to let through. The test kit uses it so a test's late
 * records are late on every run.
 */
public final class PerRecordWatermarks<T> implements WatermarkGenerator<T> {

    private final long maxOutOfOrdernessMs;
    private long maxTimestamp;

    public PerRecordWatermarks(long maxOutOfOrdernessMs) {
        this.maxOutOfOrdernessMs = maxOutOfOrdernessMs;
        // Start so that the first watermark cannot underflow.
        this.maxTimestamp = Long.MIN_VALUE + maxOutOfOrdernessMs + 1;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp > maxTimestamp) {
            maxTimestamp = eventTimestamp;
            output.emitWatermark(new Watermark(maxTimestamp - maxOutOfOrdernessMs - 1));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
}
