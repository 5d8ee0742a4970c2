package dev.tsflink.core.expr;

import java.io.Serializable;
import java.util.List;

/**
 * Java source of one user function, generated when the job is built and compiled by each
 * operator instance when it opens (so the job graph ships source text, not classes).
 *
 * @param mayFail whether the code can throw a {@link RecordException} for some record (a null
 *     where a value is required, a coerce out of range, a NaN key...); a key function that cannot
 *     needs no check before its records are partitioned
 * @param linePaths for each line of {@code source}, the path of the expression it was generated
 *     for ({@code fn.body.fields[2].value}), or empty; so a compiler's error names the expression
 */
public record GeneratedFunction(String className, String source, boolean mayFail, List<String> linePaths)
        implements Serializable {

    public GeneratedFunction {
        linePaths = List.copyOf(linePaths);
    }

    /** The expression path of a 1-based line of the source: its own, else the nearest line's before it, else after it. */
    public String pathAt(int line) {
        int i = Math.max(0, Math.min(line, linePaths.size()) - 1);
        for (int j = i; j >= 0; j--) {
            if (!linePaths.get(j).isEmpty()) {
                return linePaths.get(j);
            }
        }
        for (int j = i; j < linePaths.size(); j++) {
            if (!linePaths.get(j).isEmpty()) {
                return linePaths.get(j);
            }
        }
        return "";
    }
}
