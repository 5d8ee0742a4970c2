package dev.tsflink.core.types;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.types.Row;

import java.lang.reflect.Array;

/**
 * Maps graph types to the Java values rows carry and to Flink {@link TypeInformation}, so every
 * stream has a real serializer (never Kryo).
 *
 * <p>Arrays are Java arrays whose component class is the item's value class ({@code String[]},
 * {@code Double[]}, {@code Row[]}, {@code String[][]}, ...). That is what Flink's
 * {@link ObjectArrayTypeInfo} serializer produces when it deserializes, so a value has the same
 * class whether or not it crossed a network boundary; every such array is also an {@code Object[]}.
 */
public final class RowTypes {

    private RowTypes() {}

    /** The {@link TypeInformation} of a record's rows, with the record's field names. */
    public static RowTypeInfo rowTypeInfo(RecordType record) {
        TypeInformation<?>[] types = new TypeInformation<?>[record.fields().size()];
        String[] names = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            RecordField field = record.fields().get(i);
            names[i] = field.name();
            types[i] = typeInfo(field.type());
        }
        return new RowTypeInfo(types, names);
    }

    /**
     * The {@link TypeInformation} of a value of this type. A nullable type has its inner type's
     * information: rows serialize null fields with a null mask and arrays serialize null items
     * with a flag, so nullability needs no wrapper.
     */
    public static TypeInformation<?> typeInfo(DataType type) {
        if (type instanceof NullableType n) {
            return typeInfo(n.inner());
        }
        if (type instanceof RecordType r) {
            return rowTypeInfo(r);
        }
        if (type instanceof ArrayType a) {
            TypeInformation<?> items = typeInfo(a.items());
            return arrayTypeInfo(items);
        }
        if (type instanceof MapType m) {
            return new InsertionOrderMapTypeInfo<>(typeInfo(m.values()));
        }
        if (type instanceof EnumType) {
            return Types.STRING;
        }
        if (type instanceof TimestampType) {
            return Types.LONG;
        }
        PrimitiveType p = (PrimitiveType) type;
        switch (p) {
            case STRING:
                return Types.STRING;
            case DOUBLE:
                return Types.DOUBLE;
            case INT:
                return Types.INT;
            case LONG:
                return Types.LONG;
            case BOOLEAN:
                return Types.BOOLEAN;
            case NULL:
                // Only ever null; Void has a serializer that writes nothing.
                return Types.VOID;
            default:
                throw new IllegalStateException("unhandled primitive " + p);
        }
    }

    private static <C> TypeInformation<?> arrayTypeInfo(TypeInformation<C> items) {
        return ObjectArrayTypeInfo.getInfoFor(arrayClassOf(items.getTypeClass()), items);
    }

    /** The Java class of a non-null value of this type in a row. */
    public static Class<?> valueClass(DataType type) {
        DataType t = type.nonNull();
        if (t instanceof RecordType) {
            return Row.class;
        }
        if (t instanceof ArrayType a) {
            return arrayClassOf(valueClass(a.items()));
        }
        if (t instanceof MapType) {
            return java.util.LinkedHashMap.class;
        }
        if (t instanceof EnumType) {
            return String.class;
        }
        if (t instanceof TimestampType) {
            return Long.class;
        }
        switch ((PrimitiveType) t) {
            case STRING:
                return String.class;
            case DOUBLE:
                return Double.class;
            case INT:
                return Integer.class;
            case LONG:
                return Long.class;
            case BOOLEAN:
                return Boolean.class;
            default:
                return Object.class;
        }
    }

    public static Class<?> arrayClassOf(Class<?> component) {
        return Array.newInstance(component, 0).getClass();
    }
}
