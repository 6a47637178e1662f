package dev.torpeddo.backend.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.metainfo.TorrentBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * openrpc.json tells the truth: it, docs/rpc.md and the dispatcher name the same methods, parameters and
 * notifications, and real replies and notifications of a real manager (a seeder, and a second backend fetching
 * its torrent by magnet over loopback) conform to its schemas.
 */
class OpenRpcDocumentTest {
    @TempDir
    Path tmp;

    private final OpenRpcSchemas schemas = new OpenRpcSchemas(OpenRpcDocument.get());

    /** The dispatcher's table; building it touches neither the manager nor the push thread. */
    private static Methods dispatcher() {
        return new Methods(null, null, null, () -> {}, "test");
    }

    private static List<String> names(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(n -> n.get("name").asString())
                .toList();
    }

    private static List<String> wireNames() {
        return EnumSet.allOf(Push.Notification.class).stream()
                .map(Push.Notification::wireName)
                .toList();
    }

    @Test
    void theDocumentTheDocsAndTheDispatcherNameTheSameMethodsParamsAndNotifications() throws IOException {
        JsonNode doc = schemas.document();
        Methods methods = dispatcher();
        assertThat(doc.get("openrpc").asString()).startsWith("1.3.");
        assertThat(doc.get("info").get("version").asString()).isEqualTo(Methods.PROTOCOL_VERSION);
        assertThat(names(doc.get("methods"))).as("methods, in order").isEqualTo(methods.names());
        assertThat(names(doc.get("x-notifications"))).isEqualTo(wireNames());

        String rpcMd = Files.readString(docs().resolve("rpc.md"));
        assertThat(headings(section(rpcMd, "Methods")))
                .as("docs/rpc.md methods")
                .isEqualTo(methods.names());
        assertThat(headings(section(rpcMd, "Notifications")))
                .as("docs/rpc.md notifications")
                .isEqualTo(wireNames());

        examplesConform(section(rpcMd, "Methods"), false);
        examplesConform(section(rpcMd, "Notifications"), true);

        for (JsonNode m : doc.get("methods")) {
            String name = m.get("name").asString();
            assertThat(m.get("paramStructure").asString()).as(name).isEqualTo("by-name");
            assertThat(new TreeSet<>(names(m.get("params"))))
                    .as("params of " + name)
                    .isEqualTo(new TreeSet<>(methods.find(name).orElseThrow().params()));
        }

        // get_status's fields and the torrent schema list TorrentSnapshot's components.
        Set<String> fields = new TreeSet<>(Methods.FIELDS);
        JsonNode components = doc.get("components").get("schemas");
        assertThat(new TreeSet<>(components
                        .get("TorrentFieldName")
                        .get("enum")
                        .valueStream()
                        .map(JsonNode::asString)
                        .toList()))
                .isEqualTo(fields);
        assertThat(new TreeSet<>(
                        components.get("TorrentFields").get("properties").propertyNames()))
                .isEqualTo(fields);
        assertThat(new TreeSet<>(components
                        .get("TorrentSnapshot")
                        .get("required")
                        .valueStream()
                        .map(JsonNode::asString)
                        .toList()))
                .isEqualTo(fields);

        // Every application error kind has its component, code and data.kind.
        for (RpcError.Kind kind : RpcError.Kind.values()) {
            RpcError e = RpcError.application(kind, "x");
            assertThat(doc.get("components")
                            .get("errors")
                            .valueStream()
                            .filter(c -> c.get("code").asInt() == e.code())
                            .map(c -> c.path("data").path("kind").asString())
                            .toList())
                    .as(kind.toString())
                    .containsExactly(kind.wireName());
        }
        for (int code : new int[] {
            RpcError.PARSE_ERROR,
            RpcError.INVALID_REQUEST,
            RpcError.METHOD_NOT_FOUND,
            RpcError.INVALID_PARAMS,
            RpcError.INTERNAL_ERROR
        }) {
            assertThat(doc.get("components")
                            .get("errors")
                            .valueStream()
                            .filter(c -> c.get("code").asInt() == code))
                    .as("standard error " + code)
                    .hasSize(1);
        }
    }

    @Test
    void everyMethodRefusesANameItDoesNotList() throws Exception {
        try (RpcClient c = new RpcClient(tmp.resolve("state"))) {
            int id = 0;
            for (String name : dispatcher().names()) {
                JsonNode reply = c.call(name, "{\"no_such_param\":1}", ++id);
                assertThat(reply.get("error").get("code").asInt()).as(name).isEqualTo(RpcError.INVALID_PARAMS);
                assertThat(reply.get("error").get("data").get("field").asString())
                        .isEqualTo("no_such_param");
            }
        }
    }

    /** A client that checks every request, reply and notification against the document. */
    private final class Checked {
        final RpcClient client;
        final Set<String> answered;
        int nextId;

        Checked(RpcClient client, Set<String> answered) {
            this.client = client;
            this.answered = answered;
        }

        JsonNode call(String method, ObjectNode params) throws Exception {
            assertThat(schemas.checkParams(method, params))
                    .as("params of " + method)
                    .isEmpty();
            JsonNode reply = client.call(method, params.toString(), ++nextId);
            assertThat(reply.has("error"))
                    .as(method + " " + params + " -> " + reply)
                    .isFalse();
            JsonNode result = reply.get("result");
            assertThat(schemas.checkResult(method, result))
                    .as("result of " + method + ": " + result)
                    .isEmpty();
            answered.add(method);
            return result;
        }

        JsonNode call(String method) throws Exception {
            return call(method, o());
        }

        /** A call that fails with an error the method declares, with its kind. */
        void fails(String method, ObjectNode params, int code) throws Exception {
            JsonNode reply = client.call(method, params.toString(), ++nextId);
            JsonNode error = reply.get("error");
            assertThat(error.get("code").asInt()).as(method + " -> " + reply).isEqualTo(code);
            JsonNode declared = schemas.declaredError(method, code)
                    .orElseThrow(() -> new AssertionError(method + " does not declare error " + code));
            assertThat(error.get("data")).isEqualTo(declared.get("data"));
        }

        JsonNode notification(Predicate<JsonNode> match) throws Exception {
            return client.notification(match);
        }

        JsonNode waitForState(String id, String state) throws Exception {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < deadline) {
                JsonNode t =
                        call("get_status", o().put("ids", id)).get("torrents").get(0);
                if (t.get("state").asString().equals(state)) return t;
                Thread.sleep(50);
            }
            throw new AssertionError(id + " never reached " + state);
        }
    }

    private static ObjectNode o() {
        return RpcClient.JSON.createObjectNode();
    }

    private static Predicate<JsonNode> named(String method) {
        return n -> n.get("method").asString().equals(method);
    }

    @Test
    void realRepliesAndNotificationsConformToTheDocument() throws Exception {
        Path data = tmp.resolve("a/data");
        Path album = data.resolve("album");
        Files.createDirectories(album);
        Random random = new Random(12);
        for (String f : List.of("one.bin", "two.bin")) {
            byte[] bytes = new byte[48 * 1024 + random.nextInt(1000)];
            random.nextBytes(bytes);
            Files.write(album.resolve(f), bytes);
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort(); // closed again before the tracker is asked: refused at once
        }
        // A tracker that refuses connections: its failures are tracker_status notifications. (A torrent added
        // without trackers does not start announcing when one is added later.)
        String tracker = "http://127.0.0.1:" + closedPort + "/announce";
        Path torrentFile = tmp.resolve("album.torrent");
        Files.write(
                torrentFile,
                TorrentBuilder.from(album)
                        .pieceLength(16 * 1024)
                        .tracker(tracker)
                        .build());

        Set<String> answered = new LinkedHashSet<>();
        try (RpcClient seederClient = new RpcClient(tmp.resolve("a/state"));
                RpcClient leecherClient = new RpcClient(tmp.resolve("b/state"))) {
            Checked a = new Checked(seederClient, answered);
            Checked b = new Checked(leecherClient, answered);
            a.call("subscribe", o().put("interval_ms", 100));
            b.call("subscribe", o().put("interval_ms", 100));
            JsonNode version = a.call("version");
            assertThat(version.get("methods")
                            .valueStream()
                            .map(JsonNode::asString)
                            .toList())
                    .isEqualTo(dispatcher().names());
            assertThat(a.call("rpc.discover")).isEqualTo(schemas.document());

            // A seeder: the data is already in the save path.
            JsonNode added = a.call(
                    "add_torrent", o().put("path", torrentFile.toString()).put("save_path", data.toString()));
            String id = added.get("id").asString();
            a.call("get_status");
            a.call("get_status", o().put("ids", "all").set("fields", RpcClient.JSON.valueToTree(List.of("name"))));
            a.waitForState(id, "seeding");
            assertThat(a.call("get_files", o().put("id", id)).get("files")).hasSize(2);
            a.call("get_pieces", o().put("id", id));
            a.call("get_trackers", o().put("id", id));
            a.call("session_stats");
            a.call("get_settings");
            a.call("set_settings", o().set("settings", o().set("alt_limits", o().put("upload", 1 << 30))));
            a.call("free_space", o().put("path", tmp.toString()));
            String metainfo = a.call("save_torrent_file", o().put("id", id))
                    .get("metainfo")
                    .asString();
            assertThat(java.util.Base64.getDecoder().decode(metainfo)).isEqualTo(Files.readAllBytes(torrentFile));
            a.call(
                    "save_torrent_file",
                    o().put("id", id).put("path", tmp.resolve("copy.torrent").toString()));
            a.call("set_file_priorities", o().put("id", id).set("priorities", o().put("0", 7)));
            a.call(
                    "set_torrent_options",
                    o().put("ids", id).put("upload_slots", 8).put("category", "music"));
            a.call("queue_move", o().put("ids", "all").put("to", "top"));
            a.call("force_start", o().put("ids", id));
            a.call("add_trackers", o().put("id", id).set("urls", RpcClient.JSON.valueToTree(List.of(tracker + "2"))));
            a.call("reannounce", o().put("ids", id));
            JsonNode trackerStatus = a.notification(named("tracker_status"));
            assertThat(trackerStatus.get("params").get("ok").asBoolean()).isFalse();
            a.call("get_trackers", o().put("id", id));

            // A second backend fetches it by magnet from the first, over loopback.
            String listen =
                    a.call("session_stats").get("listen_addresses").get(0).asString();
            String port = listen.substring(listen.lastIndexOf(':') + 1);
            b.call("add_magnet", o().put("uri", "magnet:?xt=urn:btih:" + id + "&dn=album&x.pe=127.0.0.1:" + port));
            b.notification(named("metadata_received"));
            b.notification(named("torrent_finished"));
            b.call("get_peers", o().put("id", id));
            a.call("get_peers", o().put("id", id));
            b.call("pause", o().put("ids", "all"));
            b.call("resume", o().put("ids", id));
            b.call("recheck", o().put("ids", id));
            b.call("remove", o().put("ids", id).put("delete_data", true));
            b.notification(named("torrent_removed"));

            long revision = a.call("sync").get("revision").asLong();
            a.call("rename_path", o().put("id", id).put("from", "album/one.bin").put("to", "album/uno.bin"));
            a.call(
                    "move_storage",
                    o().put("id", id).put("path", tmp.resolve("a/moved").toString()));
            a.notification(named("storage_moved"));
            a.call(
                    "remove_trackers",
                    o().put("id", id).set("urls", RpcClient.JSON.valueToTree(List.of(tracker + "2"))));
            a.call("sync", o().put("revision", revision));
            a.call("pause", o().put("ids", id));
            a.notification(named("state_changed")
                    .and(n -> n.get("params").get("to").asString().equals("paused")));
            a.notification(named("state_delta"));

            // Errors are the ones each method declares, with their kind.
            String unknown = "ab".repeat(20);
            a.fails("pause", o().put("ids", unknown), 1001);
            a.fails("get_files", o().put("id", unknown), 1001);
            a.fails("add_magnet", o().put("uri", "magnet:?dn=nothing"), 1002);
            a.fails("add_torrent", o().put("metainfo", "ZDQ6c3BhbQ=="), 1003);

            a.call("unsubscribe", o().set("notifications", RpcClient.JSON.valueToTree(List.of("state_delta"))));
            a.call("remove", o().put("ids", id));
            a.notification(named("torrent_removed"));
            a.call("shutdown");

            List<String> problems = new ArrayList<>();
            Set<String> sent = new TreeSet<>();
            for (RpcClient c : List.of(seederClient, leecherClient)) {
                for (JsonNode n : c.notifications) {
                    String name = n.get("method").asString();
                    sent.add(name);
                    for (String p : schemas.checkNotification(name, n.get("params"))) problems.add(name + ": " + p);
                }
            }
            assertThat(problems).as("notifications that do not conform").isEmpty();
            assertThat(sent)
                    .as("notifications seen (torrent_error needs a fault this test does not make)")
                    .containsAll(List.of(
                            "torrent_added",
                            "metadata_received",
                            "state_changed",
                            "torrent_finished",
                            "file_completed",
                            "storage_moved",
                            "tracker_status",
                            "torrent_removed",
                            "state_delta"));
        }
        assertThat(answered)
                .as("methods answered and checked")
                .containsExactlyInAnyOrderElementsOf(dispatcher().names());
    }

    /**
     * Every example in a section of docs/rpc.md ({@code →} a line the client sends, {@code ←} one it reads)
     * conforms to the document: requests' params and results, or notifications' params.
     */
    private void examplesConform(String section, boolean notifications) {
        String[] entries = section.split("\n### `");
        int examples = 0;
        for (int i = 1; i < entries.length; i++) {
            String name = entries[i].substring(0, entries[i].indexOf('`'));
            for (String line : entries[i].lines().toList()) {
                if (!line.startsWith("→ ") && !line.startsWith("← ")) continue;
                JsonNode message = RpcClient.JSON.readTree(line.substring(2));
                List<String> problems;
                if (message.has("method") && notifications) {
                    problems = schemas.checkNotification(name, message.get("params"));
                } else if (message.has("method")) {
                    problems = schemas.checkParams(
                            name, message.path("params").isMissingNode() ? o() : message.get("params"));
                } else {
                    problems = schemas.checkResult(name, message.get("result"));
                }
                assertThat(problems)
                        .as("docs/rpc.md example of " + name + ": " + line)
                        .isEmpty();
                examples++;
            }
        }
        assertThat(examples).as("examples").isGreaterThanOrEqualTo(entries.length - 1);
    }

    /** The docs folder of the repository (tests run in the backend module). */
    private static Path docs() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/rpc.md"))) return p.resolve("docs");
        }
        throw new AssertionError("no docs/rpc.md above " + Path.of("").toAbsolutePath());
    }

    /** The text of a level-2 section, up to the next one. */
    private static String section(String markdown, String title) {
        int start = markdown.indexOf("\n## " + title + "\n");
        assertThat(start).as("section " + title).isNotNegative();
        int end = markdown.indexOf("\n## ", start + 1);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    private static final Pattern HEADING = Pattern.compile("^### `([a-z_.]+)`", Pattern.MULTILINE);

    /** The names of the level-3 headings {@code ### `name`}, in order. */
    private static List<String> headings(String section) {
        List<String> out = new ArrayList<>();
        Matcher m = HEADING.matcher(section);
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
