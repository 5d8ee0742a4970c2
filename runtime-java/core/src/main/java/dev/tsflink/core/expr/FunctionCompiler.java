package dev.tsflink.core.expr;

import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

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
        } catch (CompileException e) {
            // A generator bug, not a data problem: show the source so it can be fixed.
            throw new IllegalStateException("generated code for " + function.className() + " does not compile: "
                    + e.getMessage() + "\n" + function.source(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate generated " + function.className(), e);
        }
    }
}
