package dev.tsflink.core.operators.window;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The {@link TypeInformation} of a window-aggregate's accumulators: see {@link WindowAccumulatorSerializer}. */
public final class WindowAccumulatorTypeInfo extends TypeInformation<WindowAccumulator> {

    private static final long serialVersionUID = 1L;

    private final WindowLayout layout;

    public WindowAccumulatorTypeInfo(WindowLayout layout) {
        this.layout = layout;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<WindowAccumulator> getTypeClass() {
        return WindowAccumulator.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<WindowAccumulator> createSerializer(SerializerConfig config) {
        return layout.serializer(config);
    }

    @Override
    public String toString() {
        return "WindowAccumulator" + layout.aggregates().stream().map(a -> a.name() + ":" + a.op().graphName()).toList();
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof WindowAccumulatorTypeInfo other && layout.aggregates().equals(other.layout.aggregates());
    }

    @Override
    public int hashCode() {
        return layout.aggregates().hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof WindowAccumulatorTypeInfo;
    }
}
