package dev.tsflink.harness;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness's command line: {@code --graph <file | http(s)://url | base64:<gzip+base64>>} once,
 * {@code --conf NAME=value} any number of times (values for {@code {"env": NAME}} references,
 * consulted before the process environment). Both also accept the {@code --name=value} form.
 */
public record HarnessArguments(String graph, Map<String, String> conf) {

    static final String USAGE =
            "usage: Main --graph <file | http(s)://url | base64:<base64 of gzip JSON>> [--conf NAME=value ...]";

    public HarnessArguments {
        conf = Map.copyOf(conf);
    }

    public static HarnessArguments parse(List<String> args) {
        String graph = null;
        Map<String, String> conf = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (arg.equals("--graph") || arg.equals("--conf")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(arg + " needs a value; " + USAGE);
                }
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; " + USAGE);
            }
            switch (name) {
                case "--graph":
                    if (graph != null) {
                        throw new IllegalArgumentException("--graph given twice; " + USAGE);
                    }
                    graph = value;
                    break;
                case "--conf": {
                    int sep = value.indexOf('=');
                    if (sep <= 0) {
                        // Never echo the value: it is usually a secret.
                        throw new IllegalArgumentException("--conf expects NAME=value; " + USAGE);
                    }
                    conf.put(value.substring(0, sep), value.substring(sep + 1));
                    break;
                }
                default:
                    throw new IllegalArgumentException("unknown argument '" + name + "'; " + USAGE);
            }
        }
        if (graph == null) {
            throw new IllegalArgumentException("--graph is required; " + USAGE);
        }
        return new HarnessArguments(graph, conf);
    }

    @Override
    public String toString() {
        // The values are secrets: show only the names.
        return "HarnessArguments[graph=" + (graph.startsWith(GraphReader.BASE64_PREFIX) ? "base64:…" : graph)
                + ", conf=" + conf.keySet() + "]";
    }
}
