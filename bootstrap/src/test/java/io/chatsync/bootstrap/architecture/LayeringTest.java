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

/**
 * What the Maven module graph cannot forbid: a module may use anything its pom names, the JDK included, and
 * packages inside one module see each other freely. Which module may use which is the poms' business alone.
 */
class LayeringTest {

    /** Production classes only: neither test classes nor the PostgreSQL adapter's test-jar. */
    static final JavaClasses CHATSYNC = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.chatsync");

    static final DescribedPredicate<JavaClass> GENERATED_SCHEMA = JavaClass.Predicates.resideInAPackage(
            "io.chatsync.adapters.postgres.schema..");

    @Test
    void domainUsesOnlyTheJdkAndNullnessAnnotations() {
        classes().that().resideInAPackage("io.chatsync.domain..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.chatsync.domain..", "java..", "org.jspecify.annotations..")
                .check(CHATSYNC);
    }

    @Test
    void messagesEnteringAndLeavingASocketShareOnlyTheWireFormat() {
        noClasses().that().resideInAPackage("io.chatsync.adapters.socketio.inbound..")
                .should().dependOnClassesThat().resideInAPackage("io.chatsync.adapters.socketio.outbound..")
                .check(CHATSYNC);
        noClasses().that().resideInAPackage("io.chatsync.adapters.socketio.outbound..")
                .should().dependOnClassesThat().resideInAPackage("io.chatsync.adapters.socketio.inbound..")
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
