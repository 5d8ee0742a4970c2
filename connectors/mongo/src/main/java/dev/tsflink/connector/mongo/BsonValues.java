package dev.tsflink.connector.mongo;

import dev.tsflink.core.types.ArrayType;
import dev.tsflink.core.types.DataType;
import dev.tsflink.core.types.EnumType;
import dev.tsflink.core.types.MapType;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RecordField;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.TimestampType;
import org.apache.flink.types.Row;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

import java.util.Map;

/**
 * Row values as BSON: strings and enum symbols as strings, numbers as double, int32 or int64 as the
 * graph types them, timestamps as BSON dates, arrays as arrays, records and maps as embedded
 * documents (fields in declaration or insertion order), null as null.
 */
final class BsonValues {

    private BsonValues() {}

    static BsonDocument document(RecordType type, Row row) {
        BsonDocument doc = new BsonDocument();
        for (int i = 0; i < type.fields().size(); i++) {
            RecordField f = type.fields().get(i);
            doc.append(f.name(), value(f.type(), row.getField(i)));
        }
        return doc;
    }

    static BsonValue value(DataType type, Object v) {
        if (v == null) {
            return BsonNull.VALUE;
        }
        DataType t = type.nonNull();
        if (t instanceof RecordType r) {
            return document(r, (Row) v);
        }
        if (t instanceof ArrayType a) {
            BsonArray array = new BsonArray();
            for (Object item : (Object[]) v) {
                array.add(value(a.items(), item));
            }
            return array;
        }
        if (t instanceof MapType m) {
            BsonDocument doc = new BsonDocument();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                doc.append((String) e.getKey(), value(m.values(), e.getValue()));
            }
            return doc;
        }
        if (t instanceof EnumType) {
            return new BsonString((String) v);
        }
        if (t instanceof TimestampType) {
            return new BsonDateTime((Long) v);
        }
        return switch ((PrimitiveType) t) {
            case STRING -> new BsonString((String) v);
            case DOUBLE -> new BsonDouble((Double) v);
            case INT -> new BsonInt32((Integer) v);
            case LONG -> new BsonInt64((Long) v);
            case BOOLEAN -> BsonBoolean.valueOf((Boolean) v);
            case NULL -> BsonNull.VALUE;
        };
    }
}
