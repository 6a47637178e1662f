package dev.torpeddo.backend.aot;

import com.sun.net.httpserver.HttpServer;
import dev.torpeddo.backend.cli.Main;
import dev.torpeddo.backend.logging.LogSetup;
import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.DhtOptions;
import dev.torpeddo.engine.api.LsdOptions;
import dev.torpeddo.engine.api.SessionConfig;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.bencode.BDict;
import dev.torpeddo.engine.bencode.BEncoder;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.MetainfoParser;
import dev.torpeddo.engine.metainfo.TorrentBuilder;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The workload the launcher runs once after each build to record the JDK's ahead-of-time cache (JEP 483
 * and 515): a real {@code download} through the same command line, of a torrent made here, from a seeding
 * session in this JVM that an in-process HTTP tracker points to. The cache then holds the classes that path
 * loads and links and the method profiles it gathered, so a real run starts sooner and compiles its hot
 * code at once instead of profiling it first. On a 2-core machine that compiling competed with the
 * download itself (see the README's performance section).
 *
 * <p>Everything stays on loopback and under a temporary directory that is deleted afterwards. The exit code
 * is the download's; the launcher runs without a cache when it is not 0.
 */
public final class AotTraining {
    private static final int SIZE = 64 << 20;
    private static final int PIECE_LENGTH = 512 << 10;

    private AotTraining() {}

    public static void main(String[] args) throws Exception {
        LogSetup.console(false); // the seeder stays quiet
        Path work = Files.createTempDirectory("torpeddo-training-");
        int code;
        try {
            code = train(work);
        } finally {
            deleteTree(work);
        }
        System.exit(code);
    }

    static int train(Path work) throws IOException, InterruptedException {
        Path seedDir = Files.createDirectories(work.resolve("seed"));
        Path data = seedDir.resolve("training.bin");
        writeRandom(data, SIZE);
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1}); // compact peers are IPv4
        SessionConfig config = SessionConfig.defaults()
                .with(b -> b.listenAddress(new InetSocketAddress(loopback, 0)) // the seeder is for us only
                        .dht(DhtOptions.DISABLED)
                        .lsd(LsdOptions.DISABLED));
        HttpServer tracker = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        try (Session seeder = Session.start(config)) {
            byte[] peers = compactPeer(loopback, seeder.listenPort());
            byte[] reply = BEncoder.encode(
                    BDict.builder().put("interval", 1800).put("peers", peers).build());
            tracker.createContext("/announce", exchange -> {
                exchange.sendResponseHeaders(200, reply.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply);
                }
            });
            tracker.start();
            String announce = "http://" + loopback.getHostAddress() + ":"
                    + tracker.getAddress().getPort() + "/announce";
            byte[] torrent = TorrentBuilder.from(data)
                    .pieceLength(PIECE_LENGTH)
                    .tracker(announce)
                    .build();
            Path torrentFile = work.resolve("training.torrent");
            Files.write(torrentFile, torrent);
            Metainfo meta = parse(torrent);
            TorrentHandle seeding = seeder.add(AddTorrent.of(meta, seedDir).with(b -> b.useTrackers(false)));
            while (seeding.status().state() != TorrentState.SEEDING) {
                if (seeding.status().state() == TorrentState.ERROR) return 1;
                Thread.sleep(10);
            }
            return Main.run(
                    "download",
                    torrentFile.toString(),
                    "--dir",
                    work.resolve("download").toString(),
                    "--port",
                    "0",
                    "--no-dht",
                    "--no-lsd",
                    "--state-dir",
                    work.resolve("state").toString());
        } finally {
            tracker.stop(0);
        }
    }

    private static Metainfo parse(byte[] torrent) throws IOException {
        try {
            return MetainfoParser.parse(torrent);
        } catch (dev.torpeddo.engine.metainfo.MetainfoException e) {
            throw new IOException("the training torrent does not parse: " + e.getMessage(), e);
        }
    }

    private static byte[] compactPeer(InetAddress address, int port) {
        return ByteBuffer.allocate(6)
                .put(address.getAddress())
                .putShort((short) port)
                .array();
    }

    private static void writeRandom(Path file, int size) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
