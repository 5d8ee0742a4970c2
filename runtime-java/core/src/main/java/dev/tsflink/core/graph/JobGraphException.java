package dev.tsflink.core.graph;

import java.util.List;

/** A job graph the harness refuses to run, with every problem found (not just the first). */
public final class JobGraphException extends RuntimeException {

    private final List<String> problems;

    public JobGraphException(List<String> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public JobGraphException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        if (problems.size() == 1) {
            return "invalid job graph: " + problems.get(0);
        }
        StringBuilder sb = new StringBuilder("invalid job graph (" + problems.size() + " problems):");
        for (String p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }
}
