package dev.torpeddo.engine.tracker;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Debian {@code opentracker} on 127.0.0.1 (HTTP and UDP on one random port) for integration tests.
 *
 * <p>The Debian build only serves info-hashes listed in its whitelist (40 hex digits per line) and, when run as
 * root, chroots into its {@code -d} directory and drops to user nobody. So the directory and whitelist are made
 * world-readable, and the whitelist is passed as a relative path: it then resolves inside the chroot as root, and
 * inside the directory (its working directory) otherwise.
 */
public final class OpentrackerProcess implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/opentracker");

    private final Process process;
    private final Path dir;
    private final int port;

    private OpentrackerProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts a tracker that serves exactly these torrents, and waits until it accepts connections. */
    public static OpentrackerProcess start(InfoHash... whitelisted) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("opentracker not installed: run `apt-get install -y opentracker`");
        }
        Path dir = Files.createTempDirectory("opentracker");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path whitelist = dir.resolve("whitelist");
        Files.writeString(
                whitelist, Arrays.stream(whitelisted).map(InfoHash::hex).collect(Collectors.joining("\n", "", "\n")));
        Files.setPosixFilePermissions(whitelist, PosixFilePermissions.fromString("rw-r--r--"));

        int port = freeTcpAndUdpPort();
        Process process = new ProcessBuilder(List.of(
                        BINARY.toString(),
                        "-i",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(port),
                        "-P",
                        Integer.toString(port),
                        "-d",
                        dir.toString(),
                        "-w",
                        "whitelist"))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("opentracker.log").toFile())
                .start();
        OpentrackerProcess tracker = new OpentrackerProcess(process, dir, port);
        try {
            tracker.awaitListening();
        } catch (IOException | RuntimeException | InterruptedException e) {
            tracker.close();
            throw e;
        }
        return tracker;
    }

    /** The HTTP announce URL. */
    public URI announceUrl() {
        return URI.create("http://127.0.0.1:" + port + "/announce");
    }

    /** The UDP announce URL. */
    public URI udpUrl() {
        return URI.create("udp://127.0.0.1:" + port + "/announce");
    }

    public void stop() {
        close();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS))
                process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("opentracker exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("opentracker.log")).strip());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("opentracker did not listen on port " + port);
    }

    /** A port free for both TCP and UDP on loopback right now (opentracker uses the same number for both). */
    private static int freeTcpAndUdpPort() throws IOException {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    DatagramSocket udp = new DatagramSocket(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), tcp.getLocalPort()))) {
                return udp.getLocalPort();
            } catch (IOException taken) {
                // the UDP side is in use; try another
            }
        }
        throw new IOException("no free port for opentracker");
    }
}
