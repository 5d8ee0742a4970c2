package dev.tsflink.harness.testkit;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sink that keeps what it receives in memory, in arrival order, under a name, for the code that
 * runs the job. The MiniCluster runs in that code's JVM, so a static registry is shared by the
 * writers and the caller.
 */
public final class CollectingSink<IN, OUT> implements Sink<IN> {

    private static final long serialVersionUID = 1L;
    private static final Map<String, List<Object>> COLLECTED = new ConcurrentHashMap<>();

    private final String name;
    private final SerializableFunction<IN, OUT> transform;

    public CollectingSink(String name, SerializableFunction<IN, OUT> transform) {
        this.name = name;
        this.transform = transform;
        open(name);
    }

    /** Starts an empty collection; {@link #add} then appends to it from any operator. */
    static void open(String name) {
        COLLECTED.put(name, Collections.synchronizedList(new ArrayList<>()));
    }

    static void add(String name, Object value) {
        COLLECTED.get(name).add(value);
    }

    @SuppressWarnings("unchecked")
    public static <T> List<T> collected(String name) {
        List<Object> list = COLLECTED.get(name);
        if (list == null) {
            throw new IllegalArgumentException("no collecting sink named " + name);
        }
        synchronized (list) {
            return (List<T>) new ArrayList<>(list);
        }
    }

    @Override
    public SinkWriter<IN> createWriter(WriterInitContext context) {
        List<Object> target = COLLECTED.get(name);
        return new SinkWriter<>() {
            @Override
            public void write(IN element, Context ctx) {
                target.add(transform.apply(element));
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
