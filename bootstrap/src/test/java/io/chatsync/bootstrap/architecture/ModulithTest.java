package io.chatsync.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsync.ChatsyncApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModulithTest {

    final ApplicationModules modules = ApplicationModules.of(ChatsyncApplication.class);

    @Test
    void theHexagonsRingsAreTheModules() {
        assertThat(modules.stream().map(module -> module.getBasePackage().getName()))
                .contains("io.chatsync.domain", "io.chatsync.application", "io.chatsync.adapters.postgres",
                        "io.chatsync.bootstrap");
    }

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
        modules.verify();
    }

    @Test
    void documentsTheModules() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("target/modulith-docs"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();

        assertThat(new java.io.File("target/modulith-docs/components.puml")).exists();
    }
}
