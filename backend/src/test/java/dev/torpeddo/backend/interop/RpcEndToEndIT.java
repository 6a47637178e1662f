package dev.torpeddo.backend.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.MetainfoParser;
import dev.torpeddo.engine.metainfo.TorrentBuilder;
import dev.torpeddo.engine.tracker.OpentrackerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The desktop app's view of a download: {@code torpeddo rpc} as a child process, a real libtorrent seeder (found
 * through a real opentracker, or named in a magnet) on loopback, and nothing but pushed notifications to follow
 * the torrents: no polling.
 */
class RpcEndToEndIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void requireClients() throws Exception {
        Tools.requireLibtorrentAndOpentracker();
    }

    /** Content under {@code tmp/seed/name} and its .torrent, announcing to {@code tracker} when given. */
    private Metainfo content(String name, long seed, OpentrackerProcess tracker) throws Exception {
        Path dir = InteropFiles.multiFile(tmp.resolve("seed"), name, seed);
        TorrentBuilder b = TorrentBuilder.from(dir).pieceLength(64 * 1024);
        if (tracker != null) b = b.tracker(tracker.announceUrl());
        byte[] torrent = b.build();
        Files.write(tmp.resolve(name + ".torrent"), torrent);
        return MetainfoParser.parse(torrent);
    }

    private Metainfo probe(String name, long seed) throws Exception {
        Path dir = InteropFiles.multiFile(tmp.resolve("probe"), name, seed);
        return MetainfoParser.parse(
                TorrentBuilder.from(dir).pieceLength(64 * 1024).build());
    }

    private ExternalProcess seeder(String name, int port) throws Exception {
        ExternalProcess seeder = ExternalProcess.start(
                "seed-" + name,
                tmp,
                Tools.ltPeer(
                        "seed",
                        tmp.resolve(name + ".torrent").toString(),
                        tmp.resolve("seed").toString(),
                        "--port",
                        "" + port));
        seeder.awaitLine(l -> l.contains("\"ready\""), Duration.ofSeconds(60));
        return seeder;
    }

    @Test
    void aTorrentAndAMagnetFromLibtorrentFollowedByNotificationsThenPauseResumeAndRemoveWithData() throws Exception {
        Metainfo probe = probe("set", 41);
        try (OpentrackerProcess tracker = OpentrackerProcess.start(probe.infoHash())) {
            Metainfo set = content("set", 41, tracker);
            Metainfo mag = content("mag", 42, null);
            int magPort = Tools.freePort();
            Path state = tmp.resolve("state");
            Path dl = tmp.resolve("dl");
            RpcProcess.prepareState(state, dl);
            // A damaged record of a torrent that is not there: the backend logs warnings about it (stderr and its
            // log file), and none of that may reach stdout.
            Files.createDirectories(state.resolve("torrents"));
            Files.writeString(state.resolve("torrents/" + "ab".repeat(20) + ".json"), "{\"broken");
            try (ExternalProcess _ = seeder("set", Tools.freePort());
                    ExternalProcess _ = seeder("mag", magPort);
                    RpcProcess rpc = RpcProcess.start("rpc", state)) {
                rpc.result("subscribe", "{\"interval_ms\":200}", 1);
                String setId = rpc.result(
                                "add_torrent",
                                "{\"path\":\"" + tmp.resolve("set.torrent") + "\",\"save_path\":\"" + dl + "\"}",
                                2)
                        .get("id")
                        .asString();
                assertThat(setId).isEqualTo(set.infoHash().hex());
                String magnet = "magnet:?xt=urn:btih:" + mag.infoHash().hex() + "&dn=mag&x.pe=127.0.0.1:" + magPort;
                JsonNode magAdded = rpc.result("add_magnet", "{\"uri\":\"" + magnet + "\"}", 4);
                String magId = magAdded.get("id").asString();
                assertThat(magAdded.get("duplicate").asBoolean()).isFalse();

                assertThat(rpc.notification(
                                        "torrent_added",
                                        p -> p.get("id").asString().equals(magId))
                                .get("name")
                                .asString())
                        .isEqualTo("mag");
                JsonNode metadata = rpc.notification(
                        "metadata_received", p -> p.get("id").asString().equals(magId));
                assertThat(metadata.get("total_bytes").asLong()).isEqualTo(mag.totalLength());
                rpc.notification("torrent_finished", p -> p.get("id").asString().equals(setId));
                rpc.notification("torrent_finished", p -> p.get("id").asString().equals(magId));
                InteropFiles.assertSameContent(set, tmp.resolve("seed"), dl);
                InteropFiles.assertSameContent(mag, tmp.resolve("seed"), dl);
                ObjectNode finished =
                        awaitTorrent(rpc, setId, t -> t.path("complete").asBoolean(false));
                assertThat(finished.get("done_bytes").asLong()).isEqualTo(set.totalLength());
                long nonEmpty = set.files().stream().filter(f -> f.length() > 0).count();
                assertThat(rpc.count(m -> m.path("method").asString("").equals("file_completed")
                                && m.get("params").get("id").asString().equals(setId)))
                        .as("a file_completed for each file with data")
                        .isGreaterThanOrEqualTo((int) nonEmpty);

                rpc.result("pause", "{\"ids\":\"" + setId + "\"}", 5);
                rpc.notification(
                        "state_changed",
                        p -> p.get("id").asString().equals(setId)
                                && p.get("to").asString().equals("paused"));
                rpc.result("resume", "{\"ids\":[\"" + setId + "\"]}", 6);
                rpc.notification(
                        "state_changed",
                        p -> p.get("id").asString().equals(setId)
                                && p.get("from").asString().equals("paused")
                                && p.get("to").asString().equals("seeding"));

                rpc.result("remove", "{\"ids\":\"" + magId + "\",\"delete_data\":true}", 7);
                rpc.notification("torrent_removed", p -> p.get("id").asString().equals(magId));
                awaitDelta(rpc, d -> contains(d.get("removed"), magId));
                assertThat(dl.resolve("mag")).doesNotExist();
                assertThat(dl.resolve("set/a.bin")).exists();

                assertThat(rpc.stderr())
                        .as("warnings were logged while it worked")
                        .contains("WARNING");
                rpc.assertStdoutIsProtocolOnly();
                rpc.closeStdin();
                assertThat(rpc.awaitExit(Duration.ofSeconds(30))).isZero();
                rpc.assertStdoutIsProtocolOnly();
            }
            assertThat(Files.readString(state.resolve("logs/torpeddo.log"))).contains("WARN");
        }
    }

    @Test
    void killedMidDownloadItCarriesOnAfterARestartAndFinishesByteExact() throws Exception {
        Metainfo probe = probe("slow", 43);
        try (OpentrackerProcess tracker = OpentrackerProcess.start(probe.infoHash())) {
            Metainfo set = content("slow", 43, tracker);
            String id = set.infoHash().hex();
            Path state = tmp.resolve("state");
            Path dl = tmp.resolve("dl");
            RpcProcess.prepareState(state, dl);
            try (ExternalProcess _ = seeder("slow", Tools.freePort())) {
                long doneAtKill;
                try (RpcProcess first = RpcProcess.start("rpc-1", state)) {
                    first.result("subscribe", "{\"notifications\":[\"state_delta\"],\"interval_ms\":100}", 1);
                    // Slow enough (about 9 MB at 1 MiB/s) that the kill lands mid-download.
                    first.result("set_settings", "{\"settings\":{\"limits\":{\"download\":1048576}}}", 2);
                    String metainfo =
                            Base64.getEncoder().encodeToString(Files.readAllBytes(tmp.resolve("slow.torrent")));
                    first.result("add_torrent", "{\"metainfo\":\"" + metainfo + "\"}", 3);
                    ObjectNode mid =
                            awaitTorrent(first, id, t -> t.path("done_bytes").asLong(0) >= set.totalLength() / 3);
                    first.kill();
                    doneAtKill = mid.get("done_bytes").asLong();
                    assertThat(doneAtKill).isLessThan(set.totalLength());
                    first.assertStdoutIsProtocolOnly();
                }
                try (RpcProcess second = RpcProcess.start("rpc-2", state)) {
                    second.result("subscribe", "{\"interval_ms\":100}", 1);
                    ObjectNode back = awaitTorrent(
                            second,
                            id,
                            t -> t.path("state").asString("").equals("downloading")
                                    || t.path("state").asString("").equals("seeding"));
                    assertThat(back.get("done_bytes").asLong())
                            .as("done right after the restart")
                            .isGreaterThan(0);
                    second.result("set_settings", "{\"settings\":{\"limits\":{\"download\":0}}}", 2);
                    second.notification(
                            "torrent_finished", p -> p.get("id").asString().equals(id));
                    ObjectNode done =
                            awaitTorrent(second, id, t -> t.path("complete").asBoolean(false));
                    assertThat(done.get("downloaded").asLong())
                            .as("bytes fetched after the restart: only what was missing (and a little waste)")
                            .isLessThanOrEqualTo(set.totalLength() - doneAtKill + (2 << 20));
                    second.assertStdoutIsProtocolOnly();
                }
            }
            InteropFiles.assertSameContent(set, tmp.resolve("seed"), dl);
        }
    }

    /**
     * One torrent as the deltas pushed so far build it up (each carries only what changed): the first state
     * that matches, waiting for more deltas when none does yet.
     */
    private static ObjectNode awaitTorrent(RpcProcess rpc, String id, Predicate<ObjectNode> match)
            throws InterruptedException {
        Map<String, ObjectNode> view = new HashMap<>();
        ObjectNode[] found = new ObjectNode[1];
        rpc.await(m -> {
            if (!m.path("method").asString("").equals("state_delta")) return false;
            for (JsonNode t : m.get("params").get("torrents")) {
                if (!t.get("id").asString().equals(id)) continue;
                ObjectNode merged = view.computeIfAbsent(id, k -> RpcProcess.JSON.createObjectNode());
                merged.setAll((ObjectNode) t);
                if (match.test(merged)) {
                    found[0] = merged.deepCopy();
                    return true;
                }
            }
            return false;
        });
        view.clear();
        return found[0];
    }

    private static JsonNode awaitDelta(RpcProcess rpc, Predicate<JsonNode> match) throws InterruptedException {
        return rpc.await(m -> m.path("method").asString("").equals("state_delta") && match.test(m.get("params")));
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode v : array) if (v.asString().equals(value)) return true;
        return false;
    }
}
