package io.chatsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatsync.bootstrap.gateway.GatewayProperties;
import io.chatsync.bootstrap.identity.AuthProperties;
import io.chatsync.bootstrap.limits.LimitsProperties;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The configuration metadata the build generates describes every {@code chatsync.*} property, and each default it
 * declares is the one a node really uses: binding the default explicitly gives what binding nothing gives.
 */
class ConfigurationMetadataTest {

    /** Each settings record, by its prefix. */
    static final Map<String, Class<?>> RECORDS = Map.of(
            "chatsync", ChatsyncProperties.class,
            "chatsync.auth", AuthProperties.class,
            "chatsync.gateway", GatewayProperties.class,
            "chatsync.limits", LimitsProperties.class);

    /** Defaults that depend on the machine or on another property, so the metadata cannot state them. */
    static final Set<String> DERIVED = Set.of(
            "chatsync.gateway.max-frame-bytes", // from chatsync.max-message-length
            "chatsync.rows.legacy-time-zone"); // the machine's zone, as the legacy Node processes had

    static List<JSONObject> chatsyncProperties() throws IOException {
        try (InputStream in = ConfigurationMetadataTest.class
                .getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the build generates configuration metadata").isNotNull();
            JSONArray properties = new JSONObject(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getJSONArray("properties");
            List<JSONObject> chatsync = new ArrayList<>();
            for (int i = 0; i < properties.length(); i++) {
                if (properties.getJSONObject(i).getString("name").startsWith("chatsync.")) {
                    chatsync.add(properties.getJSONObject(i));
                }
            }
            return chatsync;
        }
    }

    @Test
    void everyPropertyIsDescribedAndEveryStatedDefaultIsTheOneInUse() throws Exception {
        List<JSONObject> properties = chatsyncProperties();
        // Every component of every settings record, nested ones included, and nothing else.
        List<String> components = new ArrayList<>();
        RECORDS.forEach((prefix, type) -> components(prefix, type, components));
        assertThat(components).hasSizeGreaterThan(50).contains("chatsync.demo.enabled", "chatsync.limits.post.burst");
        assertThat(properties).extracting(property -> property.getString("name"))
                .containsExactlyInAnyOrderElementsOf(components);
        for (JSONObject property : properties) {
            String name = property.getString("name");
            assertThat(property.optString("description")).as("description of %s", name).isNotBlank();
            String prefix = prefixOf(name);
            Class<?> type = RECORDS.get(prefix);
            Object unset = bind(prefix, type, Map.of());
            if (property.has("defaultValue")) {
                Object stated = bind(prefix, type, Map.of(name, text(property.get("defaultValue"))));
                assertThat(stated).as("%s set to its stated default %s", name, property.get("defaultValue"))
                        .isEqualTo(unset);
            } else if (!DERIVED.contains(name)) {
                Object value = valueAt(unset, name.substring(prefix.length() + 1));
                assertThat(value == null || value instanceof Collection<?> c && c.isEmpty())
                        .as("%s has no stated default, so unset it is unset, not %s", name, value).isTrue();
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
            "chatsync.limits.post.burst, 0",
            "chatsync.limits.join.per-minute, -1",
            "chatsync.feed.retention, 0s",
            "chatsync.feed.batch-size, 0",
            "chatsync.resume.max-events, 0",
            "chatsync.max-message-length, 0",
            "chatsync.auth.clock-skew, -5s",
            "chatsync.gateway.resume, teachers",
            "chatsync.gateway.serve, everyone",
            "chatsync.gateway.ping-interval, soon",
            "chatsync.gateway.ping-interval, 0s",
            "chatsync.gateway.outbox-frames, 0",
            "chatsync.gateway.polling-packets, 0",
            "chatsync.gateway.strangers, -1",
            "chatsync.gateway.connect-frame-bytes, 100",
            "chatsync.gateway.slow-reader-timeout, -1s"})
    void aBadValueIsRefusedWithTheNameOfItsProperty(String name, String value) {
        String prefix = prefixOf(name);
        assertThatThrownBy(() -> {
            Object bound = bind(prefix, RECORDS.get(prefix), Map.of(name, value));
            if (bound instanceof GatewayProperties gateway) {
                gateway.settings(4000); // where the ports named are read
            }
        }).satisfies(error -> assertThat(messages(error)).as("what the node says").contains(name));
    }

    @Test
    void settingPartOfAnAllowanceKeepsTheRestOfItsDefault() {
        LimitsProperties limits = (LimitsProperties) bind("chatsync.limits", LimitsProperties.class,
                Map.of("chatsync.limits.post.burst", "40"));
        assertThat(limits.post()).isEqualTo(new LimitsProperties.Allowance(40, 120));
    }

    /** The property of each component of a settings record; a nested record's components below its own name. */
    static void components(String prefix, Class<?> type, List<String> names) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + kebab(component.getName());
            if (component.getType().isRecord()) {
                components(name, component.getType(), names);
            } else if (!RECORDS.containsKey(name)) {
                names.add(name);
            }
        }
    }

    static String kebab(String camel) {
        StringBuilder kebab = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                kebab.append('-').append(Character.toLowerCase(c));
            } else {
                kebab.append(c);
            }
        }
        return kebab.toString();
    }

    static String prefixOf(String name) {
        return RECORDS.keySet().stream().filter(prefix -> name.startsWith(prefix + "."))
                .max((a, b) -> Integer.compare(a.length(), b.length())).orElseThrow();
    }

    static Object bind(String prefix, Class<?> type, Map<String, String> values) {
        Map<String, String> source = new LinkedHashMap<>(values);
        return new Binder(new MapConfigurationPropertySource(source)).bindOrCreate(prefix, type);
    }

    static String text(Object json) {
        if (json instanceof JSONArray array) {
            List<String> items = new ArrayList<>();
            array.forEach(item -> items.add(item.toString()));
            return String.join(",", items);
        }
        return json.toString();
    }

    /** The value at a kebab-case path below a settings record: {@code feed.poll-interval} is feed().pollInterval(). */
    static Object valueAt(Object record, String path) throws ReflectiveOperationException {
        Object value = record;
        for (String part : path.split("\\.")) {
            String component = camel(part);
            RecordComponent found = null;
            for (RecordComponent candidate : value.getClass().getRecordComponents()) {
                if (candidate.getName().equals(component)) {
                    found = candidate;
                }
            }
            assertThat(found).as("%s in %s", component, value.getClass().getSimpleName()).isNotNull();
            value = found.getAccessor().invoke(value);
            if (value == null) {
                return null;
            }
        }
        return value;
    }

    static String camel(String kebab) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    static String messages(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }
}
