package dev.tsflink.core.expr;

import java.io.Serializable;

/**
 * Java source of one user function, generated when the job is built and compiled by each
 * operator instance when it opens (so the job graph ships source text, not classes).
 *
 * @param mayFail whether the code can throw a {@link RecordException} for some record (a null
 *     where a value is required, a coerce out of range, a NaN key...); a key function that cannot
 *     needs no check before its records are partitioned
 */
public record GeneratedFunction(String className, String source, boolean mayFail) implements Serializable {}
