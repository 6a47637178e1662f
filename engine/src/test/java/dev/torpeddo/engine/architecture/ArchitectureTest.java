package dev.torpeddo.engine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's architecture as rules the build enforces. Changing the design means changing this file, on
 * purpose, in review.
 */
class ArchitectureTest {
    private static final String ENGINE = "dev.torpeddo.engine";

    /**
     * Which engine packages each engine package may use. Formats and protocols sit low and know nothing of
     * each other beyond this; {@code torrent} wires them into one download; {@code session} is the public
     * face. Sockets live behind {@code net}'s interfaces.
     */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("internal", Set.of()),
            Map.entry("id", Set.of()),
            Map.entry("bencode", Set.of()),
            Map.entry("metainfo", Set.of("bencode", "id")),
            Map.entry("magnet", Set.of("metainfo")),
            Map.entry("net", Set.of("internal")),
            Map.entry("wire", Set.of("bencode", "metainfo")),
            Map.entry("wire.ext", Set.of("bencode", "internal", "metainfo", "wire")),
            Map.entry("tracker", Set.of("internal", "metainfo", "net")),
            Map.entry("dht", Set.of("bencode", "id", "internal", "metainfo")),
            Map.entry("lsd", Set.of("internal", "metainfo")),
            Map.entry("picker", Set.of("internal", "metainfo")),
            Map.entry("choker", Set.of()),
            Map.entry("storage", Set.of("internal", "metainfo")),
            Map.entry("resume", Set.of("bencode", "internal", "metainfo")),
            Map.entry("bandwidth", Set.of("internal")),
            Map.entry("peer", Set.of("api", "bandwidth", "internal", "metainfo", "mse", "net", "wire")),
            Map.entry("mse", Set.of("metainfo", "net")),
            // The public face's value types (configuration, add requests, status, events), shared by
            // torrent (which reports through them) and session (which hands them out).
            Map.entry("api", Set.of("dht", "lsd", "magnet", "metainfo")),
            Map.entry(
                    "torrent",
                    Set.of(
                            "bandwidth",
                            "choker",
                            "dht",
                            "internal",
                            "lsd",
                            "magnet",
                            "metainfo",
                            "net",
                            "peer",
                            "picker",
                            "api",
                            "resume",
                            "storage",
                            "tracker",
                            "wire",
                            "wire.ext")),
            Map.entry(
                    "session",
                    Set.of(
                            "api",
                            "bandwidth",
                            "dht",
                            "internal",
                            "lsd",
                            "magnet",
                            "metainfo",
                            "net",
                            "peer",
                            "storage",
                            "torrent",
                            "tracker",
                            "wire",
                            "utp")),
            Map.entry("utp", Set.of("internal", "net")));

    /** The injectable interfaces whose default implementations are the only code allowed to open sockets. */
    private static final Set<String> NETWORK_PORTS = Set.of(
            ENGINE + ".net.Network",
            ENGINE + ".net.UdpSender",
            ENGINE + ".net.UdpEndpoint",
            ENGINE + ".dht.DatagramPort",
            ENGINE + ".lsd.LsdTransport",
            // Holds the HTTP client trackers use; tests give it one of their own.
            ENGINE + ".tracker.TrackerTransport");

    private static final Set<String> SOCKET_TYPES = Set.of(
            "java.net.Socket",
            "java.net.ServerSocket",
            "java.net.DatagramSocket",
            "java.net.MulticastSocket",
            "java.nio.channels.SocketChannel",
            "java.nio.channels.ServerSocketChannel",
            "java.nio.channels.DatagramChannel",
            "java.nio.channels.AsynchronousSocketChannel",
            "java.nio.channels.AsynchronousServerSocketChannel",
            "java.net.http.HttpClient");

    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ENGINE);
    }

    @Test
    void theEngineNeedsNothingButTheJdk() {
        classes()
                .that()
                .resideInAPackage(ENGINE + "..")
                .should()
                .onlyDependOnClassesThat(DescribedPredicate.describe(
                        "are in the JDK or the engine",
                        c -> c.isPrimitive()
                                || c.isArray()
                                || c.getPackageName().startsWith("java.")
                                || c.getPackageName().startsWith(ENGINE)))
                .check(engine);
    }

    @Test
    void everyEnginePackageHasAPlaceInTheDependencyTable() {
        Set<String> packages = new TreeSet<>();
        for (JavaClass c : engine) packages.add(packageOf(c));
        packages.remove("");
        assertThat(ALLOWED.keySet()).containsExactlyInAnyOrderElementsOf(packages);
    }

    @Test
    void packagesUseOnlyThePackagesTheDesignAllows() {
        classes()
                .that()
                .resideInAPackage(ENGINE + "..")
                .should(new ArchCondition<JavaClass>("use only the engine packages their package is allowed to") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        String from = packageOf(c);
                        for (var d : c.getDirectDependenciesFromSelf()) {
                            JavaClass target = d.getTargetClass().getBaseComponentType();
                            if (!target.getPackageName().startsWith(ENGINE)) continue;
                            String to = packageOf(target);
                            if (to.equals(from)
                                    || ALLOWED.getOrDefault(from, Set.of()).contains(to)) continue;
                            events.add(SimpleConditionEvent.violated(
                                    d, from + " may not use " + to + ": " + d.getDescription()));
                        }
                    }
                })
                .check(engine);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching(ENGINE + ".(**)").should().beFreeOfCycles().check(engine);
    }

    @Test
    void onlyTheClockReadsTheTime() {
        noClasses()
                .that(DescribedPredicate.not(topLevelIs(ENGINE + ".internal.Clock")))
                .should()
                .callMethodWhere(target("read the clock or sleep", ArchitectureTest::readsTime))
                .check(engine);
    }

    @Test
    void onlyTheDefaultNetworkImplementationsOpenSockets() {
        noClasses()
                .that(DescribedPredicate.not(DescribedPredicate.describe(
                        "implement a network interface (" + String.join(", ", NETWORK_PORTS) + ")",
                        c -> implementsNetworkPort(topLevel(c)))))
                .should()
                .callCodeUnitWhere(target("open a socket or HTTP client", ArchitectureTest::opensSocket))
                .check(engine);
    }

    private static boolean readsTime(AccessTarget t) {
        String owner = t.getOwner().getName();
        String name = t.getName();
        return switch (owner) {
            case "java.lang.System" -> name.equals("currentTimeMillis") || name.equals("nanoTime");
            case "java.lang.Thread" -> name.equals("sleep");
            case "java.time.Instant",
                    "java.time.LocalDate",
                    "java.time.LocalTime",
                    "java.time.LocalDateTime",
                    "java.time.OffsetDateTime",
                    "java.time.ZonedDateTime" -> name.equals("now");
            case "java.time.Clock" -> name.startsWith("system");
            default -> false;
        };
    }

    private static boolean opensSocket(AccessTarget t) {
        if (!SOCKET_TYPES.contains(t.getOwner().getName())) return false;
        String name = t.getName();
        return name.equals("<init>")
                || name.equals("open")
                || name.equals("newHttpClient")
                || name.equals("newBuilder");
    }

    private static DescribedPredicate<JavaAccess<?>> target(
            String description, java.util.function.Predicate<AccessTarget> test) {
        return DescribedPredicate.describe(description, access -> test.test(access.getTarget()));
    }

    private static DescribedPredicate<JavaClass> topLevelIs(String name) {
        return DescribedPredicate.describe(
                "are (inside) " + name, c -> topLevel(c).getName().equals(name));
    }

    private static boolean implementsNetworkPort(JavaClass c) {
        if (NETWORK_PORTS.contains(c.getName())) return true;
        return c.getAllRawInterfaces().stream().map(HasName::getName).anyMatch(NETWORK_PORTS::contains);
    }

    private static JavaClass topLevel(JavaClass c) {
        while (c.getEnclosingClass().isPresent()) c = c.getEnclosingClass().get();
        return c;
    }

    /** "wire.ext" for dev.torpeddo.engine.wire.ext.PexCodec; "" for the engine's root package. */
    private static String packageOf(JavaClass c) {
        String p = c.getPackageName();
        return p.length() > ENGINE.length() ? p.substring(ENGINE.length() + 1) : "";
    }
}
