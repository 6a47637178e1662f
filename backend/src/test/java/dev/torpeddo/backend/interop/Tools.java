package dev.torpeddo.backend.interop;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Where the real clients and Torpeddo itself are, with install hints when something is missing. */
final class Tools {
    private Tools() {}

    static final String PYTHON = "/usr/bin/python3";

    /** Fails the test with an install hint unless Debian's libtorrent Python binding is importable. */
    static void requireLibtorrent() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON, "-c", "import libtorrent")
                .redirectErrorStream(true)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(
                    "libtorrent for Python is not installed: run `apt-get install -y python3-libtorrent`");
        }
    }

    /** What a test with a libtorrent peer found through a real tracker needs: both, or an install hint. */
    static void requireLibtorrentAndOpentracker() throws IOException, InterruptedException {
        requireLibtorrent();
        requireBinary("/usr/bin/opentracker", "opentracker");
    }

    static void requireBinary(String path, String debianPackage) {
        if (!Files.isExecutable(Path.of(path))) {
            throw new AssertionError(path + " not found: run `apt-get install -y " + debianPackage + "`");
        }
    }

    static Path ltPeerScript() {
        Path p = Path.of("src/test/resources/interop/lt_peer.py").toAbsolutePath();
        if (!Files.exists(p)) throw new AssertionError("missing " + p);
        return p;
    }

    static List<String> ltPeer(String... args) {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, ltPeerScript().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The command that runs the packaged torpeddo program (built by Maven before integration tests). */
    static List<String> torpeddo(String... args) {
        Path jar = Path.of("target/torpeddo-backend.jar").toAbsolutePath();
        if (!Files.exists(jar)) throw new AssertionError("missing " + jar + ": run the tests with `./test`");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m"));
        cmd.addAll(coverageAgent());
        cmd.addAll(List.of(
                "-cp", jar + ":" + Path.of("target/lib").toAbsolutePath() + "/*", "dev.torpeddo.backend.Torpeddo"));
        cmd.addAll(List.of(args));
        // Tests stay on loopback: no LAN multicast, and no public DHT routers unless a test names its own.
        if (args.length > 0 && (args[0].equals("download") || args[0].equals("seed"))) {
            cmd.add("--no-lsd");
            if (!List.of(args).contains("--dht-bootstrap")) cmd.add("--no-dht");
            // Each run its own state directory: never the user's, and two runs at once never share its lock.
            if (!List.of(args).contains("--state-dir")) {
                try {
                    cmd.addAll(List.of(
                            "--state-dir",
                            Files.createTempDirectory("torpeddo-state").toString()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        return cmd;
    }

    /** The JaCoCo agent this test JVM runs with, if any, so that the program's coverage counts too. */
    private static List<String> coverageAgent() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-javaagent:") && a.contains("jacoco"))
                .toList();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
