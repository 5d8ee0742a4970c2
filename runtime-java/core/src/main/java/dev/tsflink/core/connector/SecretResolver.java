package dev.tsflink.core.connector;

import dev.tsflink.core.graph.SecretRef;

import java.util.Map;
import java.util.function.Function;

/**
 * Resolves {@code {"env": NAME}} references: values given to the harness ({@code --conf NAME=value})
 * first, then the process environment. Values are secrets: they are never logged or put in
 * messages, only the names are.
 */
public final class SecretResolver {

    private final Map<String, String> configured;
    private final Function<String, String> environment;

    public SecretResolver(Map<String, String> configured, Function<String, String> environment) {
        this.configured = Map.copyOf(configured);
        this.environment = environment;
    }

    /** @param where what needs the value, for the message when it is missing */
    public String resolve(SecretRef ref, String where) {
        String value = configured.get(ref.env());
        if (value == null) {
            value = environment.apply(ref.env());
        }
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(where + " needs " + ref.env() + ", which is neither given with --conf "
                    + ref.env() + "=... nor set in the environment");
        }
        return value;
    }
}
