package dev.tsflink.core.codec;

import dev.tsflink.core.types.ArrayType;
import dev.tsflink.core.types.DataType;
import dev.tsflink.core.types.EnumType;
import dev.tsflink.core.types.MapType;
import dev.tsflink.core.types.NullableType;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RecordField;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.TimestampType;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The Apache Avro schema of a graph type, so tests can check the codecs against Avro itself. */
final class AvroSchemas {

    private AvroSchemas() {}

    static Schema of(DataType type) {
        return of(type, new HashMap<>());
    }

    private static Schema of(DataType type, Map<String, Schema> named) {
        if (type instanceof NullableType n) {
            return Schema.createUnion(Schema.create(Schema.Type.NULL), of(n.inner(), named));
        }
        if (type instanceof ArrayType a) {
            return Schema.createArray(of(a.items(), named));
        }
        if (type instanceof MapType m) {
            return Schema.createMap(of(m.values(), named));
        }
        if (type instanceof TimestampType) {
            return LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        }
        if (type instanceof EnumType e) {
            return named.computeIfAbsent(e.name(), n -> Schema.createEnum(n, null, null, e.symbols()));
        }
        if (type instanceof RecordType r) {
            Schema known = named.get(r.name());
            if (known != null) {
                return known;
            }
            List<Schema.Field> fields = new ArrayList<>();
            for (RecordField f : r.fields()) {
                Object dflt = f.type() instanceof NullableType ? JsonProperties.NULL_VALUE : null;
                fields.add(new Schema.Field(f.name(), of(f.type(), named), null, dflt));
            }
            Schema s = Schema.createRecord(r.name(), null, null, false, fields);
            named.put(r.name(), s);
            return s;
        }
        return switch ((PrimitiveType) type) {
            case STRING -> Schema.create(Schema.Type.STRING);
            case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
            case INT -> Schema.create(Schema.Type.INT);
            case LONG -> Schema.create(Schema.Type.LONG);
            case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
            case NULL -> Schema.create(Schema.Type.NULL);
        };
    }
}
