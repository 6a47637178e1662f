package dev.torpeddo.backend.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.metainfo.TorrentBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * JSON-RPC 2.0 conformance of {@code torpeddo rpc} as a real child process, byte by byte on its stdin: every
 * error code, batches, notifications, ids, oversized, truncated and non-UTF-8 lines, the end of stdin, one
 * backend per state directory; and after each, that stdout carried nothing but protocol messages.
 */
class RpcConformanceIT {
    private static final String HASH = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path tmp;

    private RpcProcess start() throws Exception {
        RpcProcess.prepareState(tmp.resolve("state"), tmp.resolve("downloads"));
        return RpcProcess.start("rpc", tmp.resolve("state"));
    }

    private static int code(JsonNode reply) {
        assertThat(reply.has("error")).as("an error: " + reply).isTrue();
        return reply.get("error").get("code").asInt();
    }

    private static String kind(JsonNode reply) {
        return reply.get("error").get("data").get("kind").asString();
    }

    @Test
    void everyErrorCodeAndTheConnectionGoesOnAfterEach() throws Exception {
        try (RpcProcess rpc = start()) {
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"version\""); // not JSON
            JsonNode parse =
                    rpc.await(m -> m.has("error") && m.get("error").get("code").asInt() == -32700);
            assertThat(parse.get("id").isNull())
                    .as("parse error replies to id null")
                    .isTrue();

            assertThat(code(rpc.call("no_such_method", null, 2))).isEqualTo(-32601);
            rpc.send("{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"version\"}");
            assertThat(code(rpc.await(m -> m.path("id").asInt(0) == 3))).isEqualTo(-32600);
            rpc.send("{\"id\":4,\"method\":\"version\"}");
            assertThat(code(rpc.await(m -> m.path("id").asInt(0) == 4))).isEqualTo(-32600);
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":7}");
            assertThat(code(rpc.await(m -> m.path("id").asInt(0) == 5))).isEqualTo(-32600);
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":{\"no\":1},\"method\":\"version\"}");
            rpc.send("\"just a string\"");
            JsonNode lastInvalid = rpc.call("version", null, 6); // replies come in order for quick methods
            List<JsonNode> all = rpc.messages();
            int at = all.indexOf(lastInvalid);
            assertThat(code(all.get(at - 2))).isEqualTo(-32600);
            assertThat(all.get(at - 2).get("id").isNull())
                    .as("an id of the wrong type is not echoed")
                    .isTrue();
            assertThat(code(all.get(at - 1))).isEqualTo(-32600);

            JsonNode unknownParam = rpc.call("version", "{\"verbose\":true}", 7);
            assertThat(code(unknownParam)).isEqualTo(-32602);
            assertThat(unknownParam.get("error").get("data").get("field").asString())
                    .isEqualTo("verbose");
            JsonNode wrongType = rpc.call("pause", "{\"ids\":42}", 8);
            assertThat(code(wrongType)).isEqualTo(-32602);
            assertThat(wrongType.get("error").get("data").get("field").asString())
                    .isEqualTo("ids");
            JsonNode missing = rpc.call("add_magnet", "{}", 9);
            assertThat(missing.get("error").get("data").get("field").asString()).isEqualTo("uri");
            assertThat(code(rpc.call("version", "[1,2]", 10)))
                    .as("positional params")
                    .isEqualTo(-32602);

            JsonNode unknown = rpc.call("pause", "{\"ids\":\"" + HASH + "\"}", 11);
            assertThat(code(unknown)).isEqualTo(1001);
            assertThat(kind(unknown)).isEqualTo("torrent_not_found");
            JsonNode badMagnet = rpc.call("add_magnet", "{\"uri\":\"magnet:?dn=nothing\"}", 12);
            assertThat(code(badMagnet)).isEqualTo(1002);
            assertThat(kind(badMagnet)).isEqualTo("invalid_magnet");
            String garbage = Base64.getEncoder().encodeToString("d4:spami3e".getBytes(StandardCharsets.US_ASCII));
            JsonNode badTorrent = rpc.call("add_torrent", "{\"metainfo\":\"" + garbage + "\"}", 13);
            assertThat(code(badTorrent)).isEqualTo(1003);
            assertThat(kind(badTorrent)).isEqualTo("invalid_torrent");
            rpc.result("add_magnet", "{\"uri\":\"magnet:?xt=urn:btih:" + HASH + "&dn=film\",\"paused\":true}", 14);
            JsonNode notReady = rpc.call("save_torrent_file", "{\"id\":\"" + HASH + "\"}", 15);
            assertThat(code(notReady)).isEqualTo(1004);
            assertThat(kind(notReady)).isEqualTo("not_ready");
            JsonNode dup = rpc.result("add_magnet", "{\"uri\":\"magnet:?xt=urn:btih:" + HASH + "\"}", 16);
            assertThat(dup.get("duplicate").asBoolean()).isTrue();

            byte[] torrent = TorrentBuilder.from(file(tmp.resolve("content/one.bin"), 40_000))
                    .pieceLength(16 * 1024)
                    .build();
            JsonNode added = rpc.result(
                    "add_torrent",
                    "{\"metainfo\":\"" + Base64.getEncoder().encodeToString(torrent) + "\",\"paused\":true}",
                    17);
            JsonNode ioError = rpc.call(
                    "save_torrent_file",
                    "{\"id\":\"" + added.get("id").asString() + "\",\"path\":\"" + tmp.resolve("no/such/dir/x.torrent")
                            + "\"}",
                    18);
            assertThat(code(ioError)).isEqualTo(1006);
            assertThat(kind(ioError)).isEqualTo("io_error");
            // -32603 is what a bug in a method becomes; no request can make one on purpose (RpcServerTest has
            // no way either), so it is not tried here.

            assertThat(rpc.result("version", null, 19).get("protocol").asString())
                    .isNotEmpty();
            rpc.assertStdoutIsProtocolOnly();
        }
    }

    @Test
    void batchesNotificationsIdsAndUnknownMembers() throws Exception {
        try (RpcProcess rpc = start()) {
            rpc.send("[{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"version\"},"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"version\"},"
                    + "{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"method\":\"nope\"},"
                    + "{\"jsonrpc\":\"2.0\",\"id\":\"c\",\"method\":\"pause\",\"params\":{\"ids\":\"" + HASH + "\"}},"
                    + "17]");
            JsonNode batch = rpc.await(JsonNode::isArray);
            assertThat(batch).hasSize(4);
            assertThat(batch.get(0).get("id").asString()).isEqualTo("a");
            assertThat(batch.get(0).has("result")).isTrue();
            assertThat(batch.get(1).get("id").asString()).isEqualTo("b");
            assertThat(code(batch.get(1))).isEqualTo(-32601);
            assertThat(kind(batch.get(2))).isEqualTo("torrent_not_found");
            assertThat(code(batch.get(3))).isEqualTo(-32600);

            rpc.send("[]");
            JsonNode empty =
                    rpc.await(m -> m.isObject() && m.has("error") && m.get("id").isNull());
            assertThat(code(empty))
                    .as("an empty batch: one error, not an array")
                    .isEqualTo(-32600);

            // Notifications, alone or in a batch, right or wrong, get nothing back.
            int before = rpc.messages().size();
            rpc.send("[{\"jsonrpc\":\"2.0\",\"method\":\"version\"},{\"jsonrpc\":\"2.0\",\"method\":\"nope\"}]");
            rpc.send("{\"jsonrpc\":\"2.0\",\"method\":\"version\"}");
            rpc.send("{\"jsonrpc\":\"2.0\",\"method\":\"pause\",\"params\":{\"ids\":\"" + HASH + "\"}}");
            rpc.send("{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"params\":{\"bogus\":1}}");
            rpc.call("version", null, 100);
            assertThat(rpc.messages().subList(before, rpc.messages().size()))
                    .as("only the reply to the one request")
                    .hasSize(1);

            // Every allowed id comes back exactly as sent.
            for (String id : List.of(
                    "0", "-7", "9007199254740993", "1.5", "1e3", "\"\"", "\"x\\u00e9\\ud83d\\ude00\"", "null")) {
                rpc.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"version\"}");
                JsonNode sent = RpcProcess.JSON.readTree(id);
                JsonNode reply = rpc.await(
                        m -> m.isObject() && m.has("result") && m.get("id").equals(sent));
                assertThat(reply.get("id")).as(id).isEqualTo(sent);
            }
            List<String> lines = rpc.stdoutLines();
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"id\":9007199254740993"));

            // Members the protocol does not define are ignored; unknown params are not.
            JsonNode extra = rpc.result("version", null, 101);
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":102,\"method\":\"version\",\"extension\":{\"x\":1}}");
            assertThat(rpc.await(m -> m.path("id").asInt(0) == 102).get("result"))
                    .isEqualTo(extra);
            rpc.assertStdoutIsProtocolOnly();
        }
    }

    @Test
    void hugeTruncatedAndNonUtf8LinesEachGetTheirErrorAndTheNextLineIsServed() throws Exception {
        try (RpcProcess rpc = start()) {
            // Over 16 MiB: a string parameter that never ends within the limit.
            byte[] huge = new byte[(16 << 20) + 1000];
            Arrays.fill(huge, (byte) 'a');
            byte[] head = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"add_magnet\",\"params\":{\"uri\":\""
                    .getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(head, 0, huge, 0, head.length);
            huge[huge.length - 3] = '"';
            huge[huge.length - 2] = '}';
            huge[huge.length - 1] = '}';
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            lines.write(huge);
            lines.write('\n');
            lines.write("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"version\"}\n".getBytes(StandardCharsets.UTF_8));
            rpc.sendRaw(lines.toByteArray());
            JsonNode tooLong = rpc.await(m -> m.has("error") && m.get("id").isNull());
            assertThat(code(tooLong)).isEqualTo(-32600);
            assertThat(tooLong.get("error").get("message").asString()).contains("over the limit");
            assertThat(rpc.await(m -> m.path("id").asInt(0) == 2).has("result")).isTrue();

            // Cut short mid-way (a client that died half-way through a write, then a new line).
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"meth");
            JsonNode truncated =
                    rpc.await(m -> m.has("error") && m.get("error").get("code").asInt() == -32700);
            assertThat(truncated.get("id").isNull()).isTrue();
            assertThat(rpc.call("version", null, 4).has("result")).isTrue();

            // Bytes that are not UTF-8 inside a string.
            ByteArrayOutputStream bad = new ByteArrayOutputStream();
            bad.write("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"add_magnet\",\"params\":{\"uri\":\"magnet:"
                    .getBytes(StandardCharsets.US_ASCII));
            bad.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE});
            bad.write("\"}}\n".getBytes(StandardCharsets.US_ASCII));
            rpc.sendRaw(bad.toByteArray());
            assertThat(rpc.call("version", null, 6).has("result")).isTrue();
            long parseErrors =
                    rpc.count(m -> m.has("error") && m.get("error").get("code").asInt() == -32700);
            assertThat(parseErrors)
                    .as("the truncated line and the non-UTF-8 one")
                    .isEqualTo(2);
            assertThat(rpc.count(m -> m.path("id").asInt(0) == 5))
                    .as("no reply to id 5")
                    .isZero();
            rpc.assertStdoutIsProtocolOnly();
        }
    }

    @Test
    void endOfStdinMidRequestExitsZeroHavingSavedItsStateAndLogsGoToItsFile() throws Exception {
        String id;
        try (RpcProcess rpc = start()) {
            byte[] torrent = TorrentBuilder.from(file(tmp.resolve("content/kept.bin"), 100_000))
                    .pieceLength(16 * 1024)
                    .build();
            id = rpc.result(
                            "add_torrent",
                            "{\"metainfo\":\"" + Base64.getEncoder().encodeToString(torrent) + "\",\"paused\":true}",
                            1)
                    .get("id")
                    .asString();
            rpc.result("set_torrent_options", "{\"ids\":\"" + id + "\",\"category\":\"kept\"}", 2);
            rpc.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"get_sta".getBytes(StandardCharsets.US_ASCII));
            rpc.closeStdin();
            assertThat(rpc.awaitExit(Duration.ofSeconds(30))).as(rpc.stderr()).isZero();
            assertThat(rpc.count(m -> m.path("id").asInt(0) == 3)).isZero();
            rpc.assertStdoutIsProtocolOnly();
        }
        assertThat(tmp.resolve("state/torrents/" + id + ".json")).exists();
        assertThat(tmp.resolve("state/logs/torpeddo.log")).exists();
        try (RpcProcess again = RpcProcess.start("rpc-2", tmp.resolve("state"))) {
            JsonNode t = again.result("get_status", "{\"ids\":\"" + id + "\"}", 1)
                    .get("torrents")
                    .get(0);
            assertThat(t.get("category").asString()).isEqualTo("kept");
            assertThat(t.get("state").asString()).isEqualTo("paused");
        }
    }

    @Test
    void aSecondBackendOnTheSameStateDirectoryExitsAtOnceWithAClearError() throws Exception {
        try (RpcProcess first = start()) {
            first.result("version", null, 1); // it holds the lock by now
            try (RpcProcess second = RpcProcess.start("rpc-2", tmp.resolve("state"))) {
                assertThat(second.awaitExit(Duration.ofSeconds(20))).isNotZero();
                assertThat(second.stderr())
                        .contains("is in use by another Torpeddo")
                        .contains(tmp.resolve("state").toString());
                assertThat(second.stdoutLines()).as("nothing on stdout").isEmpty();
            }
            assertThat(first.result("version", null, 2).has("app"))
                    .as("the first carries on")
                    .isTrue();
        }
    }

    private static Path file(Path path, int size) throws Exception {
        Files.createDirectories(path.getParent());
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        Files.write(path, data);
        return path;
    }
}
