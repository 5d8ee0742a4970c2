package dev.tsflink.core.expr;

import org.codehaus.commons.compiler.CompileException;
import org.codehaus.commons.compiler.InternalCompilerException;
import org.codehaus.janino.SimpleCompiler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compiles generated source with Janino into an instance of the interface it implements. */
public final class FunctionCompiler {

    /**
     * Classes already compiled, by their source. Every subtask of an operator opens with the same
     * source, and so does every restart: each is compiled once. The map lives as long as this class,
     * which a cluster loads once per job with the job's own class loader (the harness is the job's
     * jar), so a job's classes go when the job does.
     */
    private static final Map<String, Class<?>> COMPILED = new ConcurrentHashMap<>();

    private FunctionCompiler() {}

    /**
     * @param parent the class loader that sees {@link Js}, Flink's {@code Row} and {@code type}
     *     (in Flink: the user-code class loader the operator was loaded with)
     */
    public static <T> T compile(GeneratedFunction function, Class<T> type, ClassLoader parent) {
        Class<?> cls = COMPILED.computeIfAbsent(function.source(), source -> cook(function, parent));
        if (cls.getClassLoader().getParent() != parent) {
            // Another loader's class (this class shared between jobs): it must see this loader's classes.
            cls = cook(function, parent);
        }
        try {
            return type.cast(cls.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate generated " + function.className(), e);
        }
    }

    private static Class<?> cook(GeneratedFunction function, ClassLoader parent) {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(parent);
        try {
            compiler.cook(function.source());
            return compiler.getClassLoader().loadClass(function.className());
        } catch (CompileException | InternalCompilerException e) {
            throw new Uncompilable(function, problem(function, e), e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("generated code for " + function.className() + " defines no such class", e);
        }
    }

    /**
     * Compiles the function as every operator instance will, so that code Janino refuses (a
     * method beyond the class file's 64 KB, say) stops the job from being built, not each task
     * when it opens.
     *
     * @return null when it compiles, else the problem at the path of the expression Janino stopped at
     */
    public static ExpressionException.Problem check(GeneratedFunction function) {
        try {
            compile(function, Object.class, FunctionCompiler.class.getClassLoader());
            return null;
        } catch (Uncompilable e) {
            return e.problem;
        }
    }

    /** Generated code Janino refuses: a generator bug, not a data problem, so the message shows the source. */
    private static final class Uncompilable extends IllegalStateException {
        private final transient ExpressionException.Problem problem;

        Uncompilable(GeneratedFunction function, ExpressionException.Problem problem, Exception cause) {
            super("generated code for " + function.className() + " does not compile at " + problem.path() + ": "
                    + problem.message() + "\n" + function.source(), cause);
            this.problem = problem;
        }
    }

    /** Janino's locations, {@code File 'x', Line 12, Column 5}, as its messages start with them. */
    private static final Pattern LOCATION = Pattern.compile("(?:File '[^']*', )?Line (\\d+), Column \\d+(?:: )?");

    /**
     * The problem at the innermost line Janino names: a refused construct is a {@link
     * CompileException}, a limit of the class file (a method beyond 64 KB) an {@link
     * InternalCompilerException} around the causes that locate it.
     */
    private static ExpressionException.Problem problem(GeneratedFunction function, Exception e) {
        int line = 1;
        Throwable innermost = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            innermost = t;
            Matcher m = LOCATION.matcher(String.valueOf(t.getMessage()));
            while (m.find()) {
                line = Integer.parseInt(m.group(1));
            }
        }
        String reason = LOCATION.matcher(String.valueOf(innermost.getMessage())).replaceAll("").trim();
        return new ExpressionException.Problem(function.pathAt(line), "the generated Java does not compile: " + reason);
    }
}
