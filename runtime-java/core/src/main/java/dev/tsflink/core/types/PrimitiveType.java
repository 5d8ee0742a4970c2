package dev.tsflink.core.types;

/** The Avro primitives the contract allows. */
public enum PrimitiveType implements DataType {
    STRING("string"),
    DOUBLE("double"),
    INT("int"),
    LONG("long"),
    BOOLEAN("boolean"),
    NULL("null");

    private final String avroName;

    PrimitiveType(String avroName) {
        this.avroName = avroName;
    }

    @Override
    public String describe() {
        return avroName;
    }

    /** The primitive with this Avro name, or null. */
    public static PrimitiveType byAvroName(String name) {
        for (PrimitiveType t : values()) {
            if (t.avroName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
