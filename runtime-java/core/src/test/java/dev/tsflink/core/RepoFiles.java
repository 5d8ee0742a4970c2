package dev.tsflink.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository the tests share with the TypeScript side, found from any module. */
public final class RepoFiles {

    private RepoFiles() {}

    public static Path root() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("compiler/schema/jobgraph.v1.schema.json"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (with compiler/schema/jobgraph.v1.schema.json) above " + dir);
    }

    public static String read(String relative) {
        try {
            return Files.readString(root().resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final String ORDERS_BASIC = "compiler/test/cases/orders-basic/expected.json";
}
