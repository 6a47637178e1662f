package dev.torpeddo.backend.manager;

import dev.torpeddo.engine.metainfo.TorrentBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Random;
import java.util.function.UnaryOperator;

/** Managers on a temporary state directory, on loopback only, with housekeeping driven by the test. */
final class ManagerFixture {
    /** Wall time the test moves by hand. */
    static final class TestClock implements InstantSource {
        private final java.util.concurrent.atomic.AtomicLong millis =
                new java.util.concurrent.atomic.AtomicLong(1_800_000_000_000L);

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        void advanceSeconds(long s) {
            millis.addAndGet(s * 1000);
        }
    }

    final Path stateDir;
    final TestClock clock = new TestClock();
    UnaryOperator<Settings> overrides = s -> s;

    ManagerFixture(Path stateDir) {
        this.stateDir = stateDir;
    }

    /** Never leaves the machine: no DHT, no LSD; any free port unless a test chose one. */
    static Settings loopback(Settings s, Path savePath) {
        return new Settings(
                savePath.toString(),
                s.listenPort() == Settings.defaults("/").listenPort() ? 0 : s.listenPort(),
                s.limits(),
                s.altLimits(),
                s.altLimitsOn(),
                s.queue(),
                s.shareLimits(),
                s.connections(),
                new Settings.Discovery(false, true, false),
                Settings.Protocols.DEFAULT);
    }

    record Open(StateDir dir, TorrentManager manager) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            manager.close();
            dir.close();
        }
    }

    Open open() throws IOException {
        StateDir dir = StateDir.open(StateDir.Locations.single(stateDir));
        Path downloads = stateDir.resolveSibling("downloads");
        try {
            TorrentManager m = TorrentManager.open(
                    dir,
                    ManagerOptions.defaults()
                            .withOverrides(s -> overrides.apply(loopback(s, downloads)))
                            .withClock(clock, false));
            return new Open(dir, m);
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    /** Random content of {@code size} bytes in {@code dir/name}, and the .torrent for it. */
    static byte[] content(Path dir, String name, int size, long seed) throws IOException {
        Files.createDirectories(dir);
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        Path file = dir.resolve(name);
        Files.write(file, data);
        return TorrentBuilder.from(file).pieceLength(16 * 1024).build();
    }

    static void waitFor(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }
}
