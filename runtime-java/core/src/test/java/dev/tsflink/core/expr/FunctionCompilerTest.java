package dev.tsflink.core.expr;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class FunctionCompilerTest {

    private static final GeneratedFunction TWICE = new GeneratedFunction("dev.tsflink.generated.Twice",
            "package dev.tsflink.generated;\n"
                    + "public final class Twice implements java.util.function.IntUnaryOperator {\n"
                    + "  public int applyAsInt(int x) { return 2 * x; }\n"
                    + "}\n",
            false, java.util.List.of());

    @Test
    void compilesASourceOncePerClassLoader() {
        ClassLoader loader = getClass().getClassLoader();
        java.util.function.IntUnaryOperator first = FunctionCompiler.compile(TWICE, java.util.function.IntUnaryOperator.class, loader);
        java.util.function.IntUnaryOperator second = FunctionCompiler.compile(TWICE, java.util.function.IntUnaryOperator.class, loader);
        assertEquals(42, first.applyAsInt(21));
        assertNotSame(first, second);
        assertSame(first.getClass(), second.getClass());
    }

    @Test
    void compilesAgainForAnotherClassLoader() throws Exception {
        ClassLoader loader = getClass().getClassLoader();
        try (URLClassLoader other = new URLClassLoader(new URL[0], loader)) {
            Object mine = FunctionCompiler.compile(TWICE, Object.class, loader);
            Object theirs = FunctionCompiler.compile(TWICE, Object.class, other);
            assertNotSame(mine.getClass(), theirs.getClass());
            assertSame(other, theirs.getClass().getClassLoader().getParent());
        }
    }
}
