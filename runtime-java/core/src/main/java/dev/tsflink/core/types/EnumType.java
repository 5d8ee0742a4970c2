package dev.tsflink.core.types;

import java.util.List;

/** A named Avro enum; its values are the symbol strings. */
public record EnumType(String name, List<String> symbols) implements DataType {

    public EnumType {
        symbols = List.copyOf(symbols);
    }

    public int indexOf(String symbol) {
        return symbols.indexOf(symbol);
    }

    @Override
    public String describe() {
        return name;
    }
}
