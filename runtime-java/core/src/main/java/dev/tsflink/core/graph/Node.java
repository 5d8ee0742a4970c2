package dev.tsflink.core.graph;

import dev.tsflink.core.expr.Expr;
import dev.tsflink.core.types.RecordType;

import java.io.Serializable;
import java.util.List;

/** A source, operator or sink of the graph. */
public sealed interface Node extends Serializable {

    String id();

    String uid();

    String name();

    Location location();

    List<String> inputs();

    /** Null when the job's parallelism applies. */
    Integer parallelism();

    /** The record type this node emits; sinks emit nothing. */
    RecordType outputType();

    enum StartFrom {
        EARLIEST,
        LATEST,
        COMMITTED
    }

    record EventTimeSpec(String field, long maxOutOfOrdernessMs, Long idlenessMs) implements Serializable {}

    record KafkaSourceNode(
            String id,
            String uid,
            String name,
            Location location,
            Integer parallelism,
            String topic,
            Format format,
            StartFrom startFrom,
            String groupId,
            RecordType outputType,
            EventTimeSpec eventTime,
            KafkaSinkSpec deadLetter,
            SecretRef bootstrapServers)
            implements Node {
        public List<String> inputs() {
            return List.of();
        }
    }

    /** A translated user function of one parameter. */
    record FunctionSpec(String param, RecordType paramType, Expr body) implements Serializable {}

    /**
     * {@code flat-map}, {@code union}, {@code reduce}, {@code window-aggregate},
     * {@code interval-join}, {@code window-join} and {@code process} (one file per kind).
     */
    sealed interface OperatorNode extends Node
            permits FlatMapNode, UnionNode, ReduceNode, WindowAggregateNode, IntervalJoinNode, WindowJoinNode, ProcessNode {}

    /** A translated user function of two record parameters (reduce, joins). */
    record BiFunctionSpec(String left, RecordType leftType, String right, RecordType rightType, Expr body)
            implements Serializable {}

    record FilterNode(
            String id,
            String uid,
            String name,
            Location location,
            List<String> inputs,
            Integer parallelism,
            FunctionSpec fn,
            RecordType outputType)
            implements Node {}

    record MapNode(
            String id,
            String uid,
            String name,
            Location location,
            List<String> inputs,
            Integer parallelism,
            FunctionSpec fn,
            RecordType outputType)
            implements Node {}

    record KafkaSinkNode(
            String id,
            String uid,
            String name,
            Location location,
            List<String> inputs,
            Integer parallelism,
            Format format,
            RecordType inputType,
            KafkaSinkSpec sink)
            implements Node {
        public RecordType outputType() {
            return null;
        }
    }

    /**
     * A {@code postgres-sink}, {@code mongo-sink} or {@code redis-sink}: exactly-once writes to a
     * database (one file per kind).
     */
    sealed interface DatabaseSinkNode extends Node permits PostgresSinkNode, MongoSinkNode, RedisSinkNode {

        DatabaseSinkSpec sink();

        default RecordType outputType() {
            return null;
        }
    }
}
