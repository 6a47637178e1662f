package dev.torpeddo.backend.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The protocol as a client sees it: every error code, batches, notifications, ids, limits. */
class RpcServerTest {
    @TempDir
    Path tmp;

    private static int code(JsonNode reply) {
        return reply.get("error").get("code").asInt();
    }

    @Test
    void everyKindOfBadLineGetsItsErrorAndTheConnectionGoesOn() throws Exception {
        try (RpcClient c = new RpcClient(tmp.resolve("state"))) {
            c.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"version\"");
            JsonNode parse = c.next();
            assertThat(code(parse)).isEqualTo(-32700);
            assertThat(parse.get("id").isNull()).isTrue();

            c.send("[]");
            assertThat(code(c.next())).as("empty batch").isEqualTo(-32600);
            c.send("42");
            assertThat(code(c.next())).as("not an object").isEqualTo(-32600);
            c.send("{\"jsonrpc\":\"1.0\",\"id\":2,\"method\":\"version\"}");
            JsonNode wrongVersion = c.next();
            assertThat(code(wrongVersion)).isEqualTo(-32600);
            assertThat(wrongVersion.get("id").asInt()).isEqualTo(2);
            c.send("{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"version\"}");
            assertThat(code(c.next())).as("an object as id").isEqualTo(-32600);
            c.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"frobnicate\"}");
            assertThat(code(c.next())).isEqualTo(-32601);

            JsonNode unknownParam = c.call("version", "{\"verbose\":true}", 4);
            assertThat(code(unknownParam)).isEqualTo(-32602);
            assertThat(unknownParam.get("error").get("data").get("field").asString())
                    .isEqualTo("verbose");
            JsonNode wrongType = c.call("pause", "{\"ids\":7}", 5);
            assertThat(code(wrongType)).isEqualTo(-32602);
            assertThat(wrongType.get("error").get("data").get("field").asString())
                    .isEqualTo("ids");
            JsonNode positional = c.call("version", "[1,2]", 6);
            assertThat(code(positional)).isEqualTo(-32602);

            c.sendRaw(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}', '\n'});
            assertThat(code(c.next())).as("invalid UTF-8").isEqualTo(-32700);

            byte[] huge = new byte[RpcServer.MAX_LINE_BYTES + 10];
            java.util.Arrays.fill(huge, (byte) 'a');
            huge[huge.length - 1] = '\n';
            c.sendRaw(huge);
            JsonNode tooLong = c.next();
            assertThat(code(tooLong)).isEqualTo(-32600);
            assertThat(tooLong.get("error").get("message").asString()).contains("over the limit");

            assertThat(c.call("version", null, 7).get("result").get("protocol").asString())
                    .isEqualTo(Methods.PROTOCOL_VERSION);
        }
    }

    @Test
    void aMethodThatFailsInsideTheBackendGetsAnInternalErrorAndTheConnectionGoesOn() throws Exception {
        try (RpcClient c = new RpcClient(tmp.resolve("state"))) {
            c.closeManager();
            c.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"pause\",\"params\":{\"ids\":\"all\"}}");
            JsonNode reply = c.next();
            assertThat(code(reply)).isEqualTo(-32603);
            assertThat(reply.get("id").asInt()).isEqualTo(1);
            assertThat(reply.get("error").get("message").asString())
                    .contains("pause")
                    .contains("closed");
            c.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"version\"}");
            assertThat(c.next().get("result").get("protocol").asString()).isEqualTo(Methods.PROTOCOL_VERSION);
        }
    }

    @Test
    void idsOfEveryAllowedTypeAreEchoedAndNotificationsGetNoReply() throws Exception {
        try (RpcClient c = new RpcClient(tmp.resolve("state"))) {
            for (String id : List.of("\"abc\"", "17", "-3", "2.5", "null", "12345678901234567890")) {
                c.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"version\"}");
                JsonNode reply = c.next();
                assertThat(reply.get("id").toString()).as(id).isEqualTo(id);
                assertThat(reply.has("result")).isTrue();
            }
            c.send("{\"jsonrpc\":\"2.0\",\"method\":\"version\"}");
            c.send("{\"jsonrpc\":\"2.0\",\"method\":\"no_such_method\"}");
            c.send("{\"jsonrpc\":\"2.0\",\"method\":\"pause\",\"params\":{\"ids\":\"zz\"}}");
            assertThat(c.silence(300))
                    .as("no reply to notifications, even failing ones")
                    .isNull();
        }
    }

    @Test
    void aBatchGetsOneArrayOfTheRepliesOwed() throws Exception {
        try (RpcClient c = new RpcClient(tmp.resolve("state"))) {
            c.send("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"version\"},"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"version\"},"
                    + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"},"
                    + "5]");
            JsonNode replies = c.next();
            assertThat(replies.isArray()).isTrue();
            assertThat(replies).hasSize(3);
            assertThat(replies.get(0).get("id").asInt()).isEqualTo(1);
            assertThat(code(replies.get(1))).isEqualTo(-32601);
            assertThat(code(replies.get(2))).isEqualTo(-32600);

            c.send("[{\"jsonrpc\":\"2.0\",\"method\":\"version\"},{\"jsonrpc\":\"2.0\",\"method\":\"version\"}]");
            assertThat(c.silence(300))
                    .as("a batch of notifications gets nothing")
                    .isNull();
        }
    }

    @Test
    void addingReturnsTheIdAtOnceAndADuplicateSaysSo() throws Exception {
        String hash = "0123456789abcdef0123456789abcdef01234567";
        try (RpcClient c = new RpcClient(tmp.resolve("state"))) {
            JsonNode added = c.call(
                    "add_magnet",
                    "{\"uri\":\"magnet:?xt=urn:btih:" + hash + "&dn=film\",\"save_path\":\"" + tmp.resolve("dl")
                            + "\"}",
                    1);
            assertThat(added.get("result").get("id").asString()).isEqualTo(hash);
            assertThat(added.get("result").get("duplicate").asBoolean()).isFalse();
            JsonNode again = c.call(
                    "add_magnet",
                    "{\"uri\":\"magnet:?xt=urn:btih:" + hash.toUpperCase(java.util.Locale.ROOT) + "\"}",
                    2);
            assertThat(again.get("result").get("duplicate").asBoolean()).isTrue();

            JsonNode bad = c.call("add_magnet", "{\"uri\":\"magnet:?dn=nothing\"}", 3);
            assertThat(code(bad)).isEqualTo(1002);
            assertThat(bad.get("error").get("data").get("kind").asString()).isEqualTo("invalid_magnet");
            JsonNode garbage = c.call(
                    "add_torrent",
                    "{\"metainfo\":\""
                            + Base64.getEncoder().encodeToString("d4:spam".getBytes(StandardCharsets.US_ASCII)) + "\"}",
                    4);
            assertThat(garbage.get("error").get("data").get("kind").asString()).isEqualTo("invalid_torrent");
            JsonNode unknown = c.call("pause", "{\"ids\":\"" + "ab".repeat(20) + "\"}", 5);
            assertThat(unknown.get("error").get("data").get("kind").asString()).isEqualTo("torrent_not_found");

            JsonNode status = c.call("get_status", "{\"ids\":\"all\",\"fields\":[\"name\",\"state\"]}", 6);
            JsonNode t = status.get("result").get("torrents").get(0);
            assertThat(t.propertyNames()).containsExactlyInAnyOrder("id", "name", "state");
            assertThat(t.get("name").asString()).isEqualTo("film");
            assertThat(t.get("state").asString()).isEqualTo("fetching_metadata");
            assertThat(code(c.call("get_status", "{\"fields\":[\"nonsense\"]}", 7)))
                    .isEqualTo(-32602);

            assertThat(c.call("pause", "{\"ids\":[\"" + hash + "\"]}", 8).has("result"))
                    .isTrue();
            JsonNode paused = c.call("get_status", "{\"ids\":\"" + hash + "\",\"fields\":[\"state\"]}", 9);
            assertThat(paused.get("result").get("torrents").get(0).get("state").asString())
                    .isEqualTo("paused");
        }
    }

    @Test
    void subscribersGetEventsAndDeltasOfOnlyWhatChangedAndSyncCatchesUp() throws Exception {
        String hash = "89abcdef0123456789abcdef0123456789abcdef";
        try (RpcClient c = new RpcClient(tmp.resolve("state"))) {
            JsonNode sub = c.call("subscribe", "{\"interval_ms\":100}", 1);
            assertThat(sub.get("result").get("subscribed")).hasSize(10);
            c.call("add_magnet", "{\"uri\":\"magnet:?xt=urn:btih:" + hash + "&dn=x\"}", 2);
            JsonNode added = c.notification(n -> n.get("method").asString().equals("torrent_added"));
            assertThat(added.get("params").get("id").asString()).isEqualTo(hash);
            JsonNode first = c.notification(n -> n.get("method").asString().equals("state_delta")
                    && n.get("params").get("torrents").size() > 0);
            JsonNode whole = first.get("params").get("torrents").get(0);
            assertThat(whole.get("name").asString()).isEqualTo("x");
            long revision = first.get("params").get("revision").asLong();

            c.call("pause", "{\"ids\":\"all\"}", 3);
            JsonNode change = c.next(n -> n.has("method")
                    && n.get("method").asString().equals("state_delta")
                    && n.get("params").get("torrents").size() > 0);
            JsonNode changed = change.get("params").get("torrents").get(0);
            assertThat(changed.get("state").asString()).isEqualTo("paused");
            assertThat(changed.has("name")).as("unchanged fields are left out").isFalse();

            JsonNode sync = c.call("sync", "{\"revision\":" + revision + "}", 4).get("result");
            assertThat(sync.get("full").asBoolean()).isFalse();
            assertThat(sync.get("torrents").get(0).get("state").asString()).isEqualTo("paused");
            assertThat(sync.get("torrents").get(0).has("name")).isFalse();
            JsonNode full = c.call("sync", "{\"revision\":0}", 5).get("result");
            assertThat(full.get("full").asBoolean()).isTrue();
            assertThat(full.get("torrents").get(0).get("name").asString()).isEqualTo("x");

            c.call("remove", "{\"ids\":\"" + hash + "\"}", 6);
            JsonNode gone = c.next(n -> n.has("method")
                    && n.get("method").asString().equals("state_delta")
                    && n.get("params").get("removed").size() > 0);
            assertThat(gone.get("params").get("removed").get(0).asString()).isEqualTo(hash);
        }
    }

    @Test
    void aClockStepIsTakenWithinItsBoundsAndRefusedBeyond() throws Exception {
        try (RpcClient c = new RpcClient(tmp.resolve("state"))) {
            JsonNode tooLong = c.call("subscribe", "{\"clock_step\":3601}", 1);
            assertThat(code(tooLong)).isEqualTo(-32602);
            assertThat(tooLong.get("error").get("message").asString()).contains("clock_step");
            assertThat(code(c.call("subscribe", "{\"clock_step\":-1}", 2))).isEqualTo(-32602);
            assertThat(c.call("subscribe", "{\"clock_step\":60}", 3)
                            .get("result")
                            .get("subscribed"))
                    .hasSize(10);
        }
    }

    @Test
    void shutdownAnswersThenStopsAndEndOfInputStopsToo() throws Exception {
        try (RpcClient c = new RpcClient(tmp.resolve("a"))) {
            assertThat(c.call("shutdown", null, 1).get("result").isObject()).isTrue();
            assertThat(c.servingEnded(5000)).isTrue();
        }
        try (RpcClient c = new RpcClient(tmp.resolve("b"))) {
            c.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"meth"); // stdin closed mid-request
            c.closeInput();
            assertThat(code(c.next())).isEqualTo(-32700);
            assertThat(c.servingEnded(5000)).isTrue();
        }
    }

    @Test
    void settingsAreReadAndPatched() throws Exception {
        try (RpcClient c = new RpcClient(tmp.resolve("state"))) {
            JsonNode settings = c.call("get_settings", null, 1).get("result");
            assertThat(settings.get("queue").get("max_active_downloads").asInt())
                    .isEqualTo(3);
            JsonNode patched = c.call(
                    "set_settings", "{\"settings\":{\"alt_limits_on\":true,\"alt_limits\":{\"download\":12345}}}", 2);
            assertThat(patched.get("result").get("alt_limits").get("download").asLong())
                    .isEqualTo(12345);
            JsonNode stats = c.call("session_stats", null, 3).get("result");
            assertThat(stats.get("download_limit").asLong()).isEqualTo(12345);
            JsonNode bad = c.call("set_settings", "{\"settings\":{\"limits\":{\"download\":-5}}}", 4);
            assertThat(code(bad)).isEqualTo(-32602);
            assertThat(Files.readString(tmp.resolve("state/settings.json"))).contains("\"alt_limits_on\" : true");
        }
    }
}
