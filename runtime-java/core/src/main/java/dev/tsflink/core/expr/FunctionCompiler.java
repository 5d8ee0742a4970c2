package dev.tsflink.core.expr;

import org.codehaus.commons.compiler.CompileException;
import org.codehaus.commons.compiler.InternalCompilerException;
import org.codehaus.janino.SimpleCompiler;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compiles generated source with Janino into an instance of the interface it implements. */
public final class FunctionCompiler {

    private FunctionCompiler() {}

    /**
     * @param parent the class loader that sees {@link Js}, Flink's {@code Row} and {@code type}
     *     (in Flink: the user-code class loader the operator was loaded with)
     */
    public static <T> T compile(GeneratedFunction function, Class<T> type, ClassLoader parent) {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(parent);
        try {
            compiler.cook(function.source());
            Class<?> cls = compiler.getClassLoader().loadClass(function.className());
            return type.cast(cls.getDeclaredConstructor().newInstance());
        } catch (CompileException | InternalCompilerException e) {
            // A generator bug, not a data problem: show the source so it can be fixed.
            ExpressionException.Problem p = problem(function, e);
            throw new IllegalStateException("generated code for " + function.className() + " does not compile at "
                    + p.path() + ": " + p.message() + "\n" + function.source(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate generated " + function.className(), e);
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
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(FunctionCompiler.class.getClassLoader());
        try {
            compiler.cook(function.source());
            return null;
        } catch (CompileException | InternalCompilerException e) {
            return problem(function, e);
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
