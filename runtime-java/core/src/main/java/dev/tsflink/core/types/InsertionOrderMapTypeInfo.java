package dev.tsflink.core.types;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.util.LinkedHashMap;

/** The {@link TypeInformation} of a {@code Record<string, T>} value: see {@link InsertionOrderMapSerializer}. */
public final class InsertionOrderMapTypeInfo<V> extends TypeInformation<LinkedHashMap<String, V>> {

    private static final long serialVersionUID = 1L;

    private final TypeInformation<V> values;

    public InsertionOrderMapTypeInfo(TypeInformation<V> values) {
        this.values = values;
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
        return 0;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<LinkedHashMap<String, V>> getTypeClass() {
        return (Class) LinkedHashMap.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<LinkedHashMap<String, V>> createSerializer(SerializerConfig config) {
        return new InsertionOrderMapSerializer<>(values.createSerializer(config));
    }

    @Override
    public String toString() {
        return "LinkedHashMap<String, " + values + ">";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof InsertionOrderMapTypeInfo<?> other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode() * 31 + 3;
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof InsertionOrderMapTypeInfo;
    }
}
