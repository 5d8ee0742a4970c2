package dev.tsflink.core.expr;

import java.io.Serializable;

/**
 * Java source of one user function, generated when the job is built and compiled by each
 * operator instance when it opens (so the job graph ships source text, not classes).
 */
public record GeneratedFunction(String className, String source) implements Serializable {}
