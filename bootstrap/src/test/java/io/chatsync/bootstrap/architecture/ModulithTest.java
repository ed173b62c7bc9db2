package io.chatsync.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsync.ChatsyncApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModulithTest {

    /** The module diagram docs/architecture.md shows; {@code -Dchatsync.docs.update=true} rewrites it. */
    static final Path COMMITTED_DIAGRAM = Path.of("..", "docs", "diagrams", "modules.puml");

    final ApplicationModules modules = ApplicationModules.of(ChatsyncApplication.class);

    @Test
    void theHexagonsRingsAreTheModules() {
        assertThat(modules.stream().map(module -> module.getBasePackage().getName()))
                .contains("io.chatsync.domain", "io.chatsync.application", "io.chatsync.adapters.postgres",
                        "io.chatsync.adapters.socketio", "io.chatsync.adapters.http", "io.chatsync.bootstrap");
    }

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
        modules.verify();
    }

    @Test
    void theDocumentedModuleDiagramIsTheOneTheCodeDraws() throws IOException {
        Path output = Path.of("target", "modulith-docs");
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(output.toString()))
                .writeModulesAsPlantUml();
        String drawn = withRelationsSorted(Files.readString(output.resolve("components.puml")));

        if (Boolean.getBoolean("chatsync.docs.update")) {
            Files.writeString(COMMITTED_DIAGRAM, drawn);
        }
        assertThat(Files.readString(COMMITTED_DIAGRAM))
                .as("docs/diagrams/modules.puml no longer matches the code; rerun this test with "
                        + "-Dchatsync.docs.update=true and commit the diagram")
                .isEqualTo(drawn);
    }

    /** The Documenter writes the relations between modules in no fixed order; PlantUML reads them in any. */
    static String withRelationsSorted(String diagram) {
        List<String> lines = diagram.lines().toList();
        List<String> relations = lines.stream().filter(line -> line.startsWith("Rel(")).sorted().toList();
        List<String> sorted = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("Rel(")) {
                sorted.add(line);
            } else if (sorted.isEmpty() || !sorted.get(sorted.size() - 1).startsWith("Rel(")) {
                sorted.addAll(relations);
            }
        }
        return String.join("\n", sorted) + "\n";
    }
}
