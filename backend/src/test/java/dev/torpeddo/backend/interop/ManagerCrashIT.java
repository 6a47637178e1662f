package dev.torpeddo.backend.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.MetainfoParser;
import dev.torpeddo.engine.metainfo.TorrentBuilder;
import dev.torpeddo.engine.tracker.OpentrackerProcess;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The TorrentManager killed with {@code kill -9} in the middle of a download from a real libtorrent seeder
 * (found through a real opentracker), then started again on the same state directory, as a user's desktop app
 * would be after a crash. The manager runs in a child JVM ({@code manager/ManagerHarness}) that prints every
 * torrent's status once a second; everything is on loopback.
 */
class ManagerCrashIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Slow enough that the kill lands mid-download: the set is about 9 MB. */
    private static final long SLOW = 300 << 10;

    @TempDir
    Path tmp;

    @BeforeAll
    static void requireClients() throws Exception {
        Tools.requireLibtorrentAndOpentracker();
    }

    @Test
    void afterKill9EveryTorrentComesBackAsItWasAndTheDownloadCarriesOnToTheSeedersBytes() throws Exception {
        Path content = InteropFiles.multiFile(tmp.resolve("seed"), "set", 31);
        Metainfo probe = MetainfoParser.parse(
                TorrentBuilder.from(content).pieceLength(64 * 1024).build());
        Path finishedFile = randomFile(tmp.resolve("done/finished.bin"), 1 << 20, 32);
        Path pausedSource = randomFile(tmp.resolve("elsewhere/paused.bin"), 512 << 10, 33);
        byte[] hash = new byte[20];
        new Random(34).nextBytes(hash);
        String magnetId = HexFormat.of().formatHex(hash);
        String magnet = "magnet:?xt=urn:btih:" + magnetId + "&dn=lost-magnet";

        try (OpentrackerProcess tracker = OpentrackerProcess.start(probe.infoHash())) {
            Path setTorrent = write(
                    "set.torrent",
                    TorrentBuilder.from(content)
                            .pieceLength(64 * 1024)
                            .tracker(tracker.announceUrl())
                            .build());
            Metainfo set = MetainfoParser.parse(Files.readAllBytes(setTorrent));
            Path finishedTorrent = write(
                    "finished.torrent",
                    TorrentBuilder.from(finishedFile).pieceLength(16 * 1024).build());
            Metainfo finished = MetainfoParser.parse(Files.readAllBytes(finishedTorrent));
            Path pausedTorrent = write(
                    "paused.torrent",
                    TorrentBuilder.from(pausedSource).pieceLength(16 * 1024).build());
            Metainfo paused = MetainfoParser.parse(Files.readAllBytes(pausedTorrent));
            String setId = set.infoHash().hex();
            String finishedId = finished.infoHash().hex();
            String pausedId = paused.infoHash().hex();
            Path state = tmp.resolve("state");
            Path dl = tmp.resolve("dl");

            try (ExternalProcess seeder = ExternalProcess.start(
                    "libtorrent-seed",
                    tmp,
                    Tools.ltPeer(
                            "seed",
                            setTorrent.toString(),
                            tmp.resolve("seed").toString(),
                            "--port",
                            "" + Tools.freePort()))) {
                seeder.awaitLine(l -> l.contains("\"ready\""), Duration.ofSeconds(60));

                long doneAtKill;
                try (ExternalProcess first = harness(
                        "manager-1",
                        "--state",
                        state.toString(),
                        "--download-limit",
                        "" + SLOW,
                        "--torrent",
                        finishedTorrent.toString(),
                        tmp.resolve("done").toString(),
                        "--torrent",
                        setTorrent.toString(),
                        dl.toString(),
                        "--paused-torrent",
                        pausedTorrent.toString(),
                        tmp.resolve("paused-dl").toString(),
                        "--magnet",
                        magnet,
                        dl.toString())) {
                    first.awaitLine("ready"::equals, Duration.ofSeconds(60));
                    awaitStatus(first, finishedId, s -> state(s).equals("seeding"));
                    awaitStatus(first, pausedId, s -> state(s).equals("paused"));
                    awaitStatus(first, magnetId, s -> state(s).equals("fetching_metadata"));
                    // Mid-download: a third done, and the finished torrent's resume record written (it is what
                    // lets a restart trust its data without reading it).
                    awaitStatus(
                            first,
                            setId,
                            s -> state(s).equals("downloading")
                                    && s.get("done_bytes").asLong()
                                            >= s.get("wanted_bytes").asLong() / 3);
                    awaitRecordWithResumeData(first, state, finishedId);
                    first.kill();
                    JsonNode last = latest(first, setId);
                    doneAtKill = last.get("done_bytes").asLong();
                    assertThat(last.get("complete").asBoolean())
                            .as("killed mid-download")
                            .isFalse();
                }

                // Damage the finished torrent's data behind its back, keeping size and modification time: a
                // restart that trusts its record never reads it and it stays complete; a full check would not.
                damageKeepingTime(tmp.resolve("done/finished.bin"), 300_000);

                try (ExternalProcess second =
                        harness("manager-2", "--state", state.toString(), "--download-limit", "" + (4 * SLOW))) {
                    second.awaitLine("ready"::equals, Duration.ofSeconds(60));
                    assertThat(second.lines()).as("start-up problems").noneMatch(l -> l.startsWith("problem "));
                    JsonNode resumed = awaitStatus(
                            second, setId, s -> state(s).equals("downloading") || state(s).equals("seeding"));
                    assertThat(resumed.get("done_bytes").asLong())
                            .as("done right after the restart: nothing verified before the kill is lost")
                            .isGreaterThan(0)
                            .isGreaterThanOrEqualTo(doneAtKill);
                    JsonNode done =
                            awaitStatus(second, setId, s -> s.get("complete").asBoolean());
                    assertThat(done.get("downloaded").asLong())
                            .as("bytes fetched after the restart: only what was missing (and a little waste)")
                            .isLessThanOrEqualTo(set.totalLength() - doneAtKill + (1 << 20));

                    JsonNode seeding = awaitStatus(second, finishedId, s -> state(s).equals("seeding"));
                    assertThat(seeding.get("pieces_done").asInt())
                            .as("finished torrent not rehashed: the damaged piece is still counted")
                            .isEqualTo(seeding.get("piece_count").asInt());
                    JsonNode magnetNow = awaitStatus(second, magnetId, s -> true);
                    assertThat(state(magnetNow)).isEqualTo("fetching_metadata");
                    assertThat(magnetNow.get("name").asString()).isEqualTo("lost-magnet");
                    assertThat(statuses(second, pausedId))
                            .isNotEmpty()
                            .allSatisfy(s -> assertThat(state(s)).isEqualTo("paused"));
                    assertThat(latest(second, pausedId).get("name").asString()).isEqualTo("paused.bin");
                    assertThat(latest(second, setId).get("name").asString()).isEqualTo("set");
                    assertThat(latest(second, finishedId).get("name").asString())
                            .isEqualTo("finished.bin");
                    assertThat(ids(second)).containsExactlyInAnyOrder(setId, finishedId, pausedId, magnetId);
                }
            }
            InteropFiles.assertSameContent(set, tmp.resolve("seed"), dl);
        }
    }

    private ExternalProcess harness(String name, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.torpeddo.backend.manager.ManagerHarness"));
        cmd.addAll(List.of(args));
        return ExternalProcess.start(name, tmp, cmd);
    }

    private static String state(JsonNode s) {
        return s.get("state").asString();
    }

    /** Every status line of one torrent so far, oldest first. */
    private static List<JsonNode> statuses(ExternalProcess p, String id) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : p.lines()) {
            if (!line.startsWith("status ")) continue;
            JsonNode s = JSON.readTree(line.substring("status ".length()));
            if (s.get("id").asString().equals(id)) out.add(s);
        }
        return out;
    }

    private static JsonNode latest(ExternalProcess p, String id) {
        List<JsonNode> all = statuses(p, id);
        assertThat(all).as("status lines of " + id).isNotEmpty();
        return all.getLast();
    }

    private static List<String> ids(ExternalProcess p) {
        return p.lines().stream()
                .filter(l -> l.startsWith("status "))
                .map(l ->
                        JSON.readTree(l.substring("status ".length())).get("id").asString())
                .distinct()
                .toList();
    }

    /** The first status line of {@code id} that matches; fails with the output after two minutes. */
    private static JsonNode awaitStatus(ExternalProcess p, String id, Predicate<JsonNode> match) throws Exception {
        String line = p.awaitLine(
                l -> {
                    if (!l.startsWith("status ")) return false;
                    JsonNode s = JSON.readTree(l.substring("status ".length()));
                    return s.get("id").asString().equals(id) && match.test(s);
                },
                Duration.ofMinutes(2));
        return JSON.readTree(line.substring("status ".length()));
    }

    /** Waits until the manager's record of {@code id} on disk holds the engine's resume data. */
    private static void awaitRecordWithResumeData(ExternalProcess p, Path state, String id) throws Exception {
        Path record = state.resolve("torrents").resolve(id + ".json");
        p.awaitLine(
                l -> {
                    try {
                        return Files.exists(record)
                                && JSON.readTree(Files.readAllBytes(record)).hasNonNull("engine_resume");
                    } catch (java.io.IOException | RuntimeException e) {
                        return false; // being replaced: look again at the next line
                    }
                },
                Duration.ofSeconds(60));
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = tmp.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static Path randomFile(Path file, int size, long seed) throws Exception {
        Files.createDirectories(file.getParent());
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        Files.write(file, data);
        return file;
    }

    private static void damageKeepingTime(Path file, long offset) throws Exception {
        FileTime time = Files.getLastModifiedTime(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            byte b = raf.readByte();
            raf.seek(offset);
            raf.write(b ^ 0x55);
        }
        Files.setLastModifiedTime(file, time);
    }
}
