package dev.torpeddo.backend.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the backend and the engine may meet: the engine is a library that knows nothing of its users, and the
 * backend drives it only through the engine's public face (session, torrent descriptions, magnets,
 * configuration), so the engine's insides can change without touching the CLI or, later, the JSON-RPC server.
 * The engine's own package rules are in the engine's ArchitectureTest.
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
    void theBackendUsesOnlyTheEnginesPublicFace() {
        noClasses()
                .that()
                .resideInAPackage("dev.torpeddo.backend..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.torpeddo.engine.torrent..",
                        "dev.torpeddo.engine.peer..",
                        "dev.torpeddo.engine.picker..",
                        "dev.torpeddo.engine.choker..",
                        "dev.torpeddo.engine.storage..",
                        "dev.torpeddo.engine.wire..",
                        "dev.torpeddo.engine.net..",
                        "dev.torpeddo.engine.internal..")
                .because("the backend drives the engine through session, metainfo, magnet and configuration types")
                .check(all);
    }
}
