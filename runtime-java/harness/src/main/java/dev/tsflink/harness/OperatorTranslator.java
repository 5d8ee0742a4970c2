package dev.tsflink.harness;

import dev.tsflink.connector.kafka.KafkaSinkTranslator;
import dev.tsflink.core.connector.ConnectorFactory;
import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.expr.JavaFunctionGenerator;
import dev.tsflink.core.expr.ProcessGenerator;
import dev.tsflink.core.expr.WindowAggregateGenerator;
import dev.tsflink.core.graph.EventTimeField;
import dev.tsflink.core.graph.FlatMapNode;
import dev.tsflink.core.graph.IntervalJoinNode;
import dev.tsflink.core.graph.JobGraph;
import dev.tsflink.core.graph.Node;
import dev.tsflink.core.graph.Node.FilterNode;
import dev.tsflink.core.graph.Node.FunctionSpec;
import dev.tsflink.core.graph.Node.KafkaSinkNode;
import dev.tsflink.core.graph.Node.KafkaSourceNode;
import dev.tsflink.core.graph.Node.OperatorNode;
import dev.tsflink.core.graph.ProcessNode;
import dev.tsflink.core.graph.ReduceNode;
import dev.tsflink.core.graph.UnionNode;
import dev.tsflink.core.graph.WindowAggregateNode;
import dev.tsflink.core.graph.WindowJoinNode;
import dev.tsflink.core.graph.WindowSpec;
import dev.tsflink.core.operators.GeneratedFlatMapFunction;
import dev.tsflink.core.operators.GeneratedIntervalJoinFunction;
import dev.tsflink.core.operators.GeneratedKeySelector;
import dev.tsflink.core.operators.GeneratedProcessFunction;
import dev.tsflink.core.operators.GeneratedReduceFunction;
import dev.tsflink.core.operators.GeneratedWindowJoinFunction;
import dev.tsflink.core.operators.JoinPair;
import dev.tsflink.core.operators.KeyCheckFunction;
import dev.tsflink.core.operators.RecordFailures;
import dev.tsflink.core.operators.WindowJoinInput;
import dev.tsflink.core.operators.WindowJoinKeySelector;
import dev.tsflink.core.operators.window.EventTimeAttacher;
import dev.tsflink.core.operators.window.LateRecordCounter;
import dev.tsflink.core.operators.window.TimestampedKeySelector;
import dev.tsflink.core.operators.window.WindowAccumulator;
import dev.tsflink.core.operators.window.WindowAccumulatorTypeInfo;
import dev.tsflink.core.operators.window.WindowAggregateFunction;
import dev.tsflink.core.operators.window.WindowLayout;
import dev.tsflink.core.operators.window.WindowResultFunction;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.RowTypes;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.ProcessingTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingProcessingTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingProcessingTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adds the operator nodes (flat-map, union, reduce, window-aggregate, interval-join, window-join,
 * process) to a job. Each runs at its node's parallelism with its uid and name; operators added
 * for a node take uids {@code <uid>#...}: {@code #key-check} (and {@code #left-key-check},
 * {@code #right-key-check}) before keying by a key function that can fail for a record,
 * {@code #event-time} where first/last need each record's event time and it is not a field of the
 * record (it is when the window reads a source with event time, through filters), {@code #late-unwrap} and
 * {@code #late-records} for late records, {@code #left}/{@code #right} tagging a window join's inputs.
 */
public final class OperatorTranslator {

    private OperatorTranslator() {}

    static DataStream<Row> translate(OperatorNode node, JobGraph graph, Map<String, DataStream<Row>> streams,
            ConnectorFactory connectors, DeadLetterStreams deadLetters, int parallelism) {
        if (node instanceof FlatMapNode n) {
            GeneratedFlatMapFunction fn = new GeneratedFlatMapFunction(
                    JavaFunctionGenerator.generateFlatMap(n.id(), n.fn(), n.outputType()), n.fn().paramType(),
                    deadLetters.origin(n, "flat-map"));
            return deadLetters.of(streams.get(n.inputs().get(0)).process(fn, RowTypes.rowTypeInfo(n.outputType()))
                    .name(n.name()).uid(n.uid()).setParallelism(parallelism));
        }
        if (node instanceof UnionNode n) {
            // A union is no operator of its own in Flink: it has nothing to name.
            DataStream<Row> first = streams.get(n.inputs().get(0));
            List<DataStream<Row>> others = new ArrayList<>();
            for (String input : n.inputs().subList(1, n.inputs().size())) {
                others.add(streams.get(input));
            }
            @SuppressWarnings("unchecked")
            DataStream<Row>[] rest = others.toArray(new DataStream[0]);
            return first.union(rest);
        }
        if (node instanceof ReduceNode n) {
            GeneratedReduceFunction fn = new GeneratedReduceFunction(
                    JavaFunctionGenerator.generateCombine(n.id(), "Reduce", n.fn(), n.outputType()), n.outputType(),
                    deadLetters.origin(n, "reduce"));
            return deadLetters.of(keyed(streams.get(n.inputs().get(0)), n, "reduce", "key", n.key(), null, deadLetters, parallelism)
                    .process(fn, RowTypes.rowTypeInfo(n.outputType())).name(n.name()).uid(n.uid()).setParallelism(parallelism));
        }
        if (node instanceof WindowAggregateNode n) {
            return windowAggregate(n, EventTimeField.of(id -> nodeById(graph, id), n.inputs().get(0)), streams.get(n.inputs().get(0)), connectors,
                    deadLetters, parallelism);
        }
        if (node instanceof IntervalJoinNode n) {
            String kind = "interval-join";
            KeyedStream<Row, Object> left = keyed(streams.get(n.inputs().get(0)), n, kind, "leftKey", n.leftKey(), null, deadLetters,
                    parallelism);
            KeyedStream<Row, Object> right = keyed(streams.get(n.inputs().get(1)), n, kind, "rightKey", n.rightKey(), null,
                    deadLetters, parallelism);
            GeneratedIntervalJoinFunction fn = new GeneratedIntervalJoinFunction(
                    JavaFunctionGenerator.generateCombine(n.id(), "Join", n.fn(), n.outputType()),
                    JoinPair.type(n.leftKey().paramType(), n.rightKey().paramType()), deadLetters.origin(n, kind));
            // Flink's bounds are inclusive unless made exclusive, as the README says they are.
            return deadLetters.of(left.intervalJoin(right)
                    .between(Duration.ofMillis(n.lowerMs()), Duration.ofMillis(n.upperMs()))
                    .process(fn, RowTypes.rowTypeInfo(n.outputType()))
                    .name(n.name()).uid(n.uid()).setParallelism(parallelism));
        }
        if (node instanceof WindowJoinNode n) {
            return windowJoin(n, streams.get(n.inputs().get(0)), streams.get(n.inputs().get(1)), deadLetters, parallelism);
        }
        ProcessNode n = (ProcessNode) node;
        RecordType input = n.key().paramType();
        GeneratedFunction procedures = ProcessGenerator.generate(
                n.id(), n.key(), n.state(), n.onElement(), n.onTimer(), input, n.outputType());
        GeneratedProcessFunction fn = new GeneratedProcessFunction(procedures, n.state(), input,
                JavaFunctionGenerator.keyType(n.key().body().type()), deadLetters.origin(n, "process"));
        return deadLetters.of(keyed(streams.get(n.inputs().get(0)), n, "process", "key", n.key(), null, deadLetters, parallelism)
                .process(fn, RowTypes.rowTypeInfo(n.outputType()))
                .name(n.name()).uid(n.uid()).setParallelism(parallelism));
    }

    /**
     * {@code input} keyed by a key function, after a check operator when the key (or the window
     * values in {@code windowAdder}) can fail for a record.
     */
    private static KeyedStream<Row, Object> keyed(DataStream<Row> input, Node node, String kind, String field, FunctionSpec key,
            GeneratedFunction windowAdder, DeadLetterStreams deadLetters, int parallelism) {
        GeneratedFunction keyFn = JavaFunctionGenerator.generateKey(node.id(), field, key);
        return checked(input, node, kind, field, key.paramType(), keyFn, windowAdder, deadLetters, parallelism)
                .keyBy(new GeneratedKeySelector(keyFn), keyType(key));
    }

    /** The records of a failing key (or window value) are the keyed node's dead letters, named after it. */
    private static DataStream<Row> checked(DataStream<Row> input, Node node, String kind, String field, RecordType inputType,
            GeneratedFunction keyFn, GeneratedFunction windowAdder, DeadLetterStreams deadLetters, int parallelism) {
        GeneratedFunction adder = windowAdder != null && windowAdder.mayFail() ? windowAdder : null;
        if (!keyFn.mayFail() && adder == null) {
            return input;
        }
        String suffix = field.equals("key") ? "#key-check" : field.equals("leftKey") ? "#left-key-check" : "#right-key-check";
        KeyCheckFunction check = new KeyCheckFunction(keyFn, adder, inputType, deadLetters.origin(node, kind));
        return deadLetters.of(input.process(check, RowTypes.rowTypeInfo(inputType))
                .name(node.name() + " · " + field + " check").uid(node.uid() + suffix).setParallelism(parallelism));
    }

    @SuppressWarnings("unchecked")
    private static TypeInformation<Object> keyType(FunctionSpec key) {
        return (TypeInformation<Object>) RowTypes.typeInfo(JavaFunctionGenerator.keyType(key.body().type()));
    }

    private static Node nodeById(JobGraph graph, String id) {
        return graph.nodes().stream().filter(node -> node.id().equals(id)).findFirst().orElse(null);
    }

    private static DataStream<Row> windowAggregate(WindowAggregateNode n, int eventTimeField, DataStream<Row> input,
            ConnectorFactory connectors, DeadLetterStreams deadLetters, int parallelism) {
        RecordType inputType = n.key().paramType();
        RowTypeInfo inputInfo = RowTypes.rowTypeInfo(inputType);
        WindowLayout layout = new WindowLayout(n.aggregates());
        boolean eventTimeFromField = n.window().eventTime() && eventTimeField >= 0;
        GeneratedFunction adder = WindowAggregateGenerator.generate(
                n.id(), inputType, n.aggregates(), eventTimeFromField ? eventTimeField : -1);
        GeneratedFunction keyFn = JavaFunctionGenerator.generateKey(n.id(), "key", n.key());
        DataStream<Row> rows = checked(input, n, "window-aggregate", "key", inputType, keyFn, adder, deadLetters, parallelism);
        GeneratedKeySelector keySelector = new GeneratedKeySelector(keyFn);
        TypeInformation<WindowAccumulator> accInfo = new WindowAccumulatorTypeInfo(layout);
        WindowResultFunction result = new WindowResultFunction(layout);
        RowTypeInfo outInfo = RowTypes.rowTypeInfo(n.outputType());
        Duration lateness = Duration.ofMillis(n.allowedLatenessMs());

        SingleOutputStreamOperator<Row> out;
        DataStream<Row> late;
        // first/last need each record's event time; an aggregate function only sees the record.
        if (n.window().eventTime() && layout.readsTimestamps() && !eventTimeFromField) {
            TupleTypeInfo<Tuple2<Row, Long>> pairInfo = new TupleTypeInfo<>(inputInfo, Types.LONG);
            OutputTag<Tuple2<Row, Long>> lateTag = new OutputTag<>("late", pairInfo);
            out = rows.process(new EventTimeAttacher(), pairInfo)
                    .name(n.name() + " · event time").uid(n.uid() + "#event-time").setParallelism(parallelism)
                    .keyBy(new TimestampedKeySelector(keySelector), keyType(n.key()))
                    .window((WindowAssigner) assigner(n.window()))
                    .allowedLateness(lateness)
                    .sideOutputLateData(lateTag)
                    .aggregate(WindowAggregateFunction.ofTimestamped(adder, layout), result, accInfo, accInfo, outInfo);
            late = out.getSideOutput(lateTag)
                    .map((MapFunction<Tuple2<Row, Long>, Row>) pair -> pair.f0, inputInfo)
                    .name(n.name() + " · late records").uid(n.uid() + "#late-unwrap").setParallelism(parallelism);
        } else {
            OutputTag<Row> lateTag = new OutputTag<>("late", inputInfo);
            out = rows.keyBy(keySelector, keyType(n.key()))
                    .window((WindowAssigner) assigner(n.window()))
                    .allowedLateness(lateness)
                    .sideOutputLateData(lateTag)
                    .aggregate(WindowAggregateFunction.ofRows(adder, layout), result, accInfo, accInfo, outInfo);
            late = out.getSideOutput(lateTag);
        }
        out.name(n.name()).uid(n.uid()).setParallelism(parallelism);
        if (n.late() != null) {
            KafkaSinkTranslator.translate(late, lateSink(n), connectors, parallelism);
        } else {
            late.process(new LateRecordCounter<Row>(n.name()), Types.VOID)
                    .name(n.name() + " · late records dropped").uid(n.uid() + "#late-records").setParallelism(parallelism);
        }
        return out;
    }

    /**
     * The late sink as the kafka-sink node it behaves as: the input type in the late spec's
     * format, with the spec's uid and name. Its id {@code <id>#late} names what it wrote in tests.
     */
    static KafkaSinkNode lateSink(WindowAggregateNode n) {
        return new KafkaSinkNode(lateSinkId(n), n.late().sink().uid(), n.late().sink().name(), n.location(),
                List.of(n.id()), n.parallelism(), n.late().format(), n.key().paramType(), n.late().sink());
    }

    public static String lateSinkId(WindowAggregateNode n) {
        return n.id() + "#late";
    }

    private static DataStream<Row> windowJoin(WindowJoinNode n, DataStream<Row> left, DataStream<Row> right,
            DeadLetterStreams deadLetters, int parallelism) {
        GeneratedFunction leftKey = JavaFunctionGenerator.generateKey(n.id(), "leftKey", n.leftKey());
        GeneratedFunction rightKey = JavaFunctionGenerator.generateKey(n.id(), "rightKey", n.rightKey());
        RecordType leftType = n.leftKey().paramType();
        RecordType rightType = n.rightKey().paramType();
        RecordFailures.Origin origin = deadLetters.origin(n, "window-join");
        TypeInformation<Either<Row, Row>> tagged = new EitherTypeInfo<>(
                new RowTypeInfo(Types.LONG, RowTypes.rowTypeInfo(leftType)),
                new RowTypeInfo(Types.LONG, RowTypes.rowTypeInfo(rightType)));
        DataStream<Either<Row, Row>> lefts = deadLetters.of(left.process(new WindowJoinInput(leftKey, true, leftType, origin), tagged)
                .name(n.name() + " · left").uid(n.uid() + "#left").setParallelism(parallelism));
        DataStream<Either<Row, Row>> rights = deadLetters.of(right.process(new WindowJoinInput(rightKey, false, rightType, origin), tagged)
                .name(n.name() + " · right").uid(n.uid() + "#right").setParallelism(parallelism));
        GeneratedWindowJoinFunction fn = new GeneratedWindowJoinFunction(
                JavaFunctionGenerator.generateCombine(n.id(), "Join", n.fn(), n.outputType()), JoinPair.type(leftType, rightType),
                origin);
        return deadLetters.of(lefts.union(rights)
                .keyBy(new WindowJoinKeySelector(leftKey, rightKey), keyType(n.leftKey()))
                .window(assigner(n.window()))
                .process(fn, RowTypes.rowTypeInfo(n.outputType()))
                .name(n.name()).uid(n.uid()).setParallelism(parallelism));
    }

    /** Flink's window assigners: aligned to the epoch, {@code [start, end)}. */
    private static WindowAssigner<Object, TimeWindow> assigner(WindowSpec w) {
        Duration size = Duration.ofMillis(w.sizeMs());
        switch (w.kind()) {
            case TUMBLING:
                return w.eventTime() ? TumblingEventTimeWindows.of(size) : TumblingProcessingTimeWindows.of(size);
            case SLIDING: {
                Duration slide = Duration.ofMillis(w.slideMs());
                return w.eventTime() ? SlidingEventTimeWindows.of(size, slide) : SlidingProcessingTimeWindows.of(size, slide);
            }
            default: {
                Duration gap = Duration.ofMillis(w.gapMs());
                return w.eventTime() ? EventTimeSessionWindows.withGap(gap) : ProcessingTimeSessionWindows.withGap(gap);
            }
        }
    }
}
