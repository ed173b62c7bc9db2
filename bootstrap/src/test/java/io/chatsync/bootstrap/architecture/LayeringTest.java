package io.chatsync.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The hexagon's dependency rules, checked on the compiled classes of every module. */
class LayeringTest {

    /** Production classes only: neither test classes nor the PostgreSQL adapter's test-jar. */
    static final JavaClasses CHATSYNC = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.chatsync");

    static final DescribedPredicate<JavaClass> GENERATED_SCHEMA = JavaClass.Predicates.resideInAPackage(
            "io.chatsync.adapters.postgres.schema..");

    @Test
    void domainDependsOnlyOnTheJdk() {
        classes().that().resideInAPackage("io.chatsync.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.chatsync.domain..", "java..")
                .check(CHATSYNC);
    }

    @Test
    void applicationDependsOnlyOnTheDomainAndTheJdk() {
        classes().that().resideInAPackage("io.chatsync.application..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.chatsync.application..", "io.chatsync.domain..", "java..")
                .check(CHATSYNC);
    }

    @Test
    void adaptersNeverDependOnEachOther() {
        slices().matching("io.chatsync.adapters.(*)..").should().notDependOnEachOther().check(CHATSYNC);
    }

    @Test
    void nothingButBootstrapDependsOnBootstrap() {
        noClasses().that().resideOutsideOfPackages("io.chatsync.bootstrap..", "io.chatsync")
                .should().dependOnClassesThat().resideInAnyPackage("io.chatsync.bootstrap..")
                .check(CHATSYNC);
    }

    @Test
    void innerRingsNeverDependOnOuterOnes() {
        noClasses().that().resideInAnyPackage("io.chatsync.domain..", "io.chatsync.application..")
                .should().dependOnClassesThat().resideInAnyPackage("io.chatsync.adapters..", "io.chatsync.bootstrap..")
                .check(CHATSYNC);
    }

    @Test
    void packagesHaveNoCycles() {
        // jOOQ's generated tables, records and keys refer to each other by design; they are one slice here.
        slices().matching("io.chatsync.(**)")
                .should().beFreeOfCycles()
                .ignoreDependency(GENERATED_SCHEMA, GENERATED_SCHEMA)
                .check(CHATSYNC);
    }
}
