package io.chatsync.bootstrap.database;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults that depend on the machine: the node name (host and process id, so two nodes on one host differ) and
 * the datasource from a {@code DATABASE_URL} such as {@code postgres://user:secret@db:5432/lms_ecenter}, unless
 * {@code spring.datasource.url} is set.
 */
public class ChatsyncEnvironment implements EnvironmentPostProcessor {

    static final String DATABASE_URL = "DATABASE_URL";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (!environment.containsProperty("chatsync.node-name")) {
            defaults.put("chatsync.node-name", hostName() + "-" + ProcessHandle.current().pid());
        }
        String databaseUrl = environment.getProperty(DATABASE_URL);
        if (databaseUrl != null && !databaseUrl.isBlank() && !environment.containsProperty("spring.datasource.url")) {
            defaults.putAll(datasourceOf(databaseUrl));
        }
        environment.getPropertySources().addLast(new MapPropertySource("chatsync-defaults", defaults));
    }

    static Map<String, Object> datasourceOf(String databaseUrl) {
        if (databaseUrl.startsWith("jdbc:")) {
            return Map.of("spring.datasource.url", databaseUrl);
        }
        URI uri = URI.create(databaseUrl);
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException(DATABASE_URL + " must start with postgres://, postgresql:// or jdbc:, got "
                    + uri.getScheme() + "://...");
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        properties.put("spring.datasource.url", "jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            properties.put("spring.datasource.username", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                properties.put("spring.datasource.password", decode(userInfo.substring(colon + 1)));
            }
        }
        return properties;
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    private static String hostName() {
        try {
            String host = InetAddress.getLocalHost().getHostName();
            int dot = host.indexOf('.');
            return dot > 0 ? host.substring(0, dot) : host;
        } catch (UnknownHostException e) {
            return "node";
        }
    }
}
