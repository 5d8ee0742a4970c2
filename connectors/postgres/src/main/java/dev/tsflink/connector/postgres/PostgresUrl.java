package dev.tsflink.connector.postgres;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A libpq connection URL ({@code postgres://user:password@host:port/database?sslmode=require}, the
 * form {@code PG_URL} and the {@code pg} package use) as the JDBC URL and properties of
 * PostgreSQL's JDBC driver. The password is only ever in {@link #properties()}: never in the JDBC
 * URL, in {@link #toString()} or in a message.
 */
public final class PostgresUrl implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int DEFAULT_PORT = 5432;

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Map<String, String> parameters;

    private PostgresUrl(String jdbcUrl, String user, String password, Map<String, String> parameters) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.parameters = parameters;
    }

    /**
     * @param variable the environment variable the URL came from, for messages
     * @throws IllegalArgumentException naming the variable and what is wrong, never the URL itself
     */
    public static PostgresUrl parse(String url, String variable) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(variable + " is not a URL (expected postgres://user:password@host:port/database)");
        }
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException(variable + " must start with postgres:// or postgresql://, not " + uri.getScheme() + "://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(variable + " names no host (expected postgres://user:password@host:port/database)");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        String database = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? null : decode(uri.getRawPath().substring(1));
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                parameters.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
        String jdbcUrl = "jdbc:postgresql://" + host + ":" + port + "/" + (database == null ? "" : database);
        return new PostgresUrl(jdbcUrl, user, password, parameters);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The JDBC URL: host, port and database, without user or password. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** User, password and the URL's query parameters (sslmode, …), as the JDBC driver takes them. */
    public Properties properties() {
        Properties props = new Properties();
        parameters.forEach(props::setProperty);
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return props;
    }

    public String user() {
        return user;
    }

    @Override
    public String toString() {
        return jdbcUrl + (user == null ? "" : " as " + user);
    }
}
