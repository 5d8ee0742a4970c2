package dev.tsflink.core.operators;

import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.expr.RowMapper;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code map} node: emits the row its generated function builds. A record whose function throws
 * is dropped and counted in {@code tsflink_recordErrors} (a flat map, so dropping needs no marker).
 */
public final class GeneratedMapFunction extends RichFlatMapFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GeneratedMapFunction.class);

    private final GeneratedFunction function;
    private final String operatorName;
    private transient RowMapper mapper;
    private transient RecordErrorReporter errors;

    public GeneratedMapFunction(GeneratedFunction function, String operatorName) {
        this.function = function;
        this.operatorName = operatorName;
    }

    @Override
    public void open(OpenContext context) {
        mapper = FunctionCompiler.compile(function, RowMapper.class, getClass().getClassLoader());
        errors = new RecordErrorReporter(LOG, getRuntimeContext().getMetricGroup(), Metrics.RECORD_ERRORS, operatorName, "record dropped", Metrics.RECORD_ERRORS_LOGGED_IN_FULL);
    }

    @Override
    public void flatMap(Row row, Collector<Row> out) {
        Row result;
        try {
            result = mapper.map(row);
        } catch (RuntimeException e) {
            errors.report(Metrics.describe(e));
            return;
        }
        out.collect(result);
    }
}
