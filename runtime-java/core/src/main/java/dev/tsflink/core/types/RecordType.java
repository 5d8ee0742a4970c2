package dev.tsflink.core.types;

import java.util.List;

/** A named Avro record, carried as a positional {@code org.apache.flink.types.Row}. */
public record RecordType(String name, List<RecordField> fields) implements DataType {

    public RecordType {
        fields = List.copyOf(fields);
    }

    /** Position of the field in the row, or -1. */
    public int indexOf(String fieldName) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(fieldName)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String describe() {
        return name;
    }
}
