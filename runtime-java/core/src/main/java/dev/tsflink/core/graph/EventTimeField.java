package dev.tsflink.core.graph;

import dev.tsflink.core.graph.Node.FilterNode;
import dev.tsflink.core.graph.Node.KafkaSourceNode;

import java.util.function.Function;

/** Where a stream's records hold their event time, when they hold it in a field. */
public final class EventTimeField {

    private EventTimeField() {}

    /**
     * The position of the field that holds the event time of {@code nodeId}'s records: the
     * event-time field of a kafka-source, also through filters (which keep records and their
     * timestamps as they are); -1 after any node that builds new records, or when unknown.
     */
    public static int of(Function<String, Node> nodes, String nodeId) {
        Node node = nodes.apply(nodeId);
        if (node instanceof KafkaSourceNode source && source.eventTime() != null) {
            return source.outputType().indexOf(source.eventTime().field());
        }
        if (node instanceof FilterNode filter) {
            return of(nodes, filter.inputs().get(0));
        }
        return -1;
    }
}
