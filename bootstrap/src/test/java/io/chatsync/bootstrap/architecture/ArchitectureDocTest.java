package io.chatsync.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/architecture.md draws a message's way through the code by class names; they must all exist. */
class ArchitectureDocTest {

    static final Path ARCHITECTURE = Path.of("..", "docs", "architecture.md");

    /** A class name in the diagram's boxes ({@code <br/>Name}) or in backticks: capitalised, camel-cased. */
    static final Pattern CLASS_NAME = Pattern.compile("(?:<br/>|`)([A-Z][a-z]+(?:[A-Z][a-z]+)+)\\b");

    @Test
    void everyClassTheMessagePathNamesExists() throws IOException {
        String doc = Files.readString(ARCHITECTURE);
        String path = doc.substring(doc.indexOf("## A message's way through"), doc.indexOf("## The schema"));
        List<String> named = new ArrayList<>();
        Matcher matcher = CLASS_NAME.matcher(path);
        while (matcher.find()) {
            named.add(matcher.group(1));
        }

        assertThat(named).as("class names in the section").hasSizeGreaterThan(5);
        List<String> missing = named.stream().filter(name -> !exists(name)).distinct().toList();
        assertThat(missing).as("classes docs/architecture.md names that the code does not have").isEmpty();
    }

    private static boolean exists(String simpleName) {
        try (var files = Files.walk(Path.of(".."))) {
            return files.anyMatch(file -> file.toString().contains("/src/main/java/")
                    && file.getFileName().toString().equals(simpleName + ".java"));
        } catch (IOException e) {
            throw new IllegalStateException("could not look for " + simpleName, e);
        }
    }
}
