package dev.tsflink.harness.testkit;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A bounded source with no records: what a test's source without inputs reads. Flink's
 * {@code DataGeneratorSource} cannot be empty (a count of 0 still generates index 0).
 */
final class EmptySource<T> implements Source<T, EmptySource.NoSplit, Void> {

    private static final long serialVersionUID = 1L;

    /** The split type; an empty source never creates one. */
    static final class NoSplit implements SourceSplit {
        @Override
        public String splitId() {
            return "none";
        }
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<T, NoSplit> createReader(SourceReaderContext context) {
        return new Reader<>(context);
    }

    @Override
    public SplitEnumerator<NoSplit, Void> createEnumerator(SplitEnumeratorContext<NoSplit> context) {
        return new Enumerator(context);
    }

    @Override
    public SplitEnumerator<NoSplit, Void> restoreEnumerator(SplitEnumeratorContext<NoSplit> context, Void checkpoint) {
        return new Enumerator(context);
    }

    @Override
    public SimpleVersionedSerializer<NoSplit> getSplitSerializer() {
        return new NothingSerializer<>(NoSplit::new);
    }

    @Override
    public SimpleVersionedSerializer<Void> getEnumeratorCheckpointSerializer() {
        return new NothingSerializer<>(() -> null);
    }

    /** Answers every split request with "no more splits". */
    private record Enumerator(SplitEnumeratorContext<NoSplit> context) implements SplitEnumerator<NoSplit, Void> {
        @Override
        public void start() {}

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {
            context.signalNoMoreSplits(subtaskId);
        }

        @Override
        public void addSplitsBack(List<NoSplit> splits, int subtaskId) {}

        @Override
        public void addReader(int subtaskId) {}

        @Override
        public Void snapshotState(long checkpointId) {
            return null;
        }

        @Override
        public void close() {}
    }

    /** Asks for a split once, and ends its input when told there are none. */
    private static final class Reader<T> implements SourceReader<T, NoSplit> {
        private final SourceReaderContext context;
        private final CompletableFuture<Void> noMoreSplits = new CompletableFuture<>();

        Reader(SourceReaderContext context) {
            this.context = context;
        }

        @Override
        public void start() {
            context.sendSplitRequest();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) {
            return noMoreSplits.isDone() ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
        }

        @Override
        public List<NoSplit> snapshotState(long checkpointId) {
            return List.of();
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return noMoreSplits;
        }

        @Override
        public void addSplits(List<NoSplit> splits) {}

        @Override
        public void notifyNoMoreSplits() {
            noMoreSplits.complete(null);
        }

        @Override
        public void close() {}
    }

    /** Writes nothing and reads back the one value there is. */
    private record NothingSerializer<V>(Supplier<V> value) implements SimpleVersionedSerializer<V> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(V obj) {
            return new byte[0];
        }

        @Override
        public V deserialize(int version, byte[] serialized) {
            return value.get();
        }
    }
}
