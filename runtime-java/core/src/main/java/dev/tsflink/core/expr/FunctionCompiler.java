package dev.tsflink.core.expr;

import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
        } catch (CompileException e) {
            // A generator bug, not a data problem: show the source so it can be fixed.
            throw new IllegalStateException("generated code for " + function.className() + " does not compile: "
                    + e.getMessage() + "\n" + function.source(), e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("generated code for " + function.className() + " defines no such class", e);
        }
    }
}
