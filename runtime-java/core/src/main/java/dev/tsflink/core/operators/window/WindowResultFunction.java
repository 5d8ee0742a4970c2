package dev.tsflink.core.operators.window;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

/**
 * A window-aggregate's output when a window fires: the accumulated values plus the key and the
 * window's bounds, which only the window function knows. Flink gives the record the timestamp
 * {@code end - 1}.
 */
public final class WindowResultFunction extends ProcessWindowFunction<WindowAccumulator, Row, Object, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final WindowLayout layout;

    public WindowResultFunction(WindowLayout layout) {
        this.layout = layout;
    }

    @Override
    public void process(Object key, Context context, Iterable<WindowAccumulator> accumulators, Collector<Row> out) {
        TimeWindow window = context.window();
        for (WindowAccumulator acc : accumulators) {
            out.collect(layout.result(acc, key, window.getStart(), window.getEnd()));
        }
    }
}
