package dev.torpeddo.backend.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.torpeddo.engine.session.Session;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the backend and the engine may meet: the engine is a library that knows nothing of its users, and the
 * backend drives it only through the packages the engine's module exports (its public face), so the
 * engine's insides can change without touching the CLI or, later, the JSON-RPC server. javac enforces the
 * exports when it compiles the backend's module; this test pins what they are, so that widening the public
 * face is a decision made here, in review. The engine's own package rules are in the engine's
 * ArchitectureTest.
 */
class BackendArchitectureTest {
    private static JavaClasses all;

    @BeforeAll
    static void importClasses() {
        all = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")) // the engine's test fixtures
                .importPackages("dev.torpeddo");
    }

    @Test
    void theEngineKnowsNothingOfTheBackend() {
        noClasses()
                .that()
                .resideInAPackage("dev.torpeddo.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.torpeddo.backend..")
                .check(all);
    }

    @Test
    void onlyTheManagerDrivesTheEngine() {
        // The console (cli) and, next, the JSON-RPC server (rpc) are views of the manager: neither reaches past it,
        // so the engine can change under them (aot, the launcher's training run, sets up its own seeder).
        noClasses()
                .that()
                .resideInAnyPackage("dev.torpeddo.backend.cli..", "dev.torpeddo.backend.rpc..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.torpeddo.engine..")
                .check(all);
    }

    @Test
    void theCommandLineAndTheRpcServerNeverMeetAndTheManagerKnowsNeither() {
        noClasses()
                .that()
                .resideInAPackage("dev.torpeddo.backend.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.torpeddo.backend.rpc..")
                .check(all);
        noClasses()
                .that()
                .resideInAPackage("dev.torpeddo.backend.rpc..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.torpeddo.backend.cli..")
                .allowEmptyShould(true)
                .check(all);
        noClasses()
                .that()
                .resideInAPackage("dev.torpeddo.backend.manager..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.torpeddo.backend.cli..", "dev.torpeddo.backend.rpc..", "dev.torpeddo.backend.aot..")
                .check(all);
    }

    @Test
    void theEngineExportsOnlyItsPublicFace() throws IOException {
        ModuleDescriptor engine;
        try (InputStream in = Session.class.getClassLoader().getResourceAsStream("module-info.class")) {
            assertThat(in).as("the engine's module descriptor").isNotNull();
            engine = ModuleDescriptor.read(in);
        }
        // The class path holds two descriptors (backend, engine); make sure we read the engine's.
        if (!engine.name().equals("dev.torpeddo.engine")) engine = engineDescriptor();
        Set<String> exported =
                engine.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertThat(exported)
                .containsExactlyInAnyOrder(
                        "dev.torpeddo.engine.api",
                        "dev.torpeddo.engine.session",
                        "dev.torpeddo.engine.metainfo",
                        "dev.torpeddo.engine.magnet",
                        "dev.torpeddo.engine.bencode",
                        "dev.torpeddo.engine.id");
        assertThat(engine.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
    }

    private static ModuleDescriptor engineDescriptor() throws IOException {
        var urls = Session.class.getClassLoader().getResources("module-info.class");
        while (urls.hasMoreElements()) {
            try (InputStream in = urls.nextElement().openStream()) {
                ModuleDescriptor d = ModuleDescriptor.read(in);
                if (d.name().equals("dev.torpeddo.engine")) return d;
            }
        }
        throw new AssertionError("no module descriptor of dev.torpeddo.engine on the class path");
    }
}
