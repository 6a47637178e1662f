package dev.torpeddo.backend.rpc;

import dev.torpeddo.backend.manager.AddOptions;
import dev.torpeddo.backend.manager.AddSource;
import dev.torpeddo.backend.manager.ManagerException;
import dev.torpeddo.backend.manager.QueueMove;
import dev.torpeddo.backend.manager.Settings;
import dev.torpeddo.backend.manager.SettingsFile;
import dev.torpeddo.backend.manager.TorrentManager;
import dev.torpeddo.backend.manager.TorrentOptionsChange;
import dev.torpeddo.backend.manager.TorrentSnapshot;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every method of the bridge: its name, the parameters it takes, and what it does with the manager. A handler
 * returns its result (a record, a map, a JSON node) or a {@link Later} stage that completes with it; it throws
 * {@link RpcError} for what the client got wrong. Results go out through {@link Json#MAPPER} (snake_case).
 */
final class Methods {
    static final String PROTOCOL_VERSION = "1.3";

    /** A method's handler: the checked params in, a result (or a stage of one) out. */
    @FunctionalInterface
    interface Handler {
        Object handle(Params params) throws RpcError, ManagerException;
    }

    record Method(String name, Set<String> params, Handler handler) {}

    private final TorrentManager manager;
    private final Push push;
    private final DeltaTracker deltas;
    private final Runnable shutdown;
    private final String appVersion;
    private final Map<String, Method> table = new LinkedHashMap<>();

    Methods(TorrentManager manager, Push push, DeltaTracker deltas, Runnable shutdown, String appVersion) {
        this.manager = manager;
        this.push = push;
        this.deltas = deltas;
        this.shutdown = shutdown;
        this.appVersion = appVersion;
        define();
    }

    Optional<Method> find(String name) {
        return Optional.ofNullable(table.get(name));
    }

    List<String> names() {
        return List.copyOf(table.keySet());
    }

    private void add(String name, Set<String> params, Handler handler) {
        table.put(name, new Method(name, params, handler));
    }

    private static final Set<String> ADD_COMMON =
            Set.of("save_path", "paused", "sequential", "first_last_pieces", "category", "tags");

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new java.util.HashSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }

    private void define() {
        add(
                "version",
                Set.of(),
                p -> Map.of(
                        "app",
                        appVersion,
                        "protocol",
                        PROTOCOL_VERSION,
                        "methods",
                        names(),
                        "notifications",
                        EnumSet.allOf(Push.Notification.class).stream()
                                .map(Push.Notification::wireName)
                                .toList()));
        add("rpc.discover", Set.of(), p -> OpenRpcDocument.get());
        add("add_magnet", with(ADD_COMMON, "uri", "stop_after_metadata"), p -> {
            boolean stop = p.bool("stop_after_metadata", false);
            return manager.add(
                    new AddSource.Magnet(p.string("uri")), addOptions(p).with(b -> b.stopAfterMetadata(stop)));
        });
        add("add_torrent", with(ADD_COMMON, "path", "metainfo", "file_priorities"), p -> {
            AddSource source;
            if (p.has("path") == p.has("metainfo"))
                throw RpcError.invalidParams("path", "give either path or metainfo");
            if (p.has("path")) source = new AddSource.TorrentFile(path(p, "path"));
            else {
                try {
                    source = new AddSource.TorrentData(Base64.getDecoder().decode(p.string("metainfo")));
                } catch (IllegalArgumentException e) {
                    throw RpcError.invalidParams("metainfo", "not base64: " + e.getMessage());
                }
            }
            Map<Integer, Integer> priorities = priorities(p, "file_priorities");
            return manager.add(source, addOptions(p).with(b -> b.filePriorities(priorities)));
        });
        add("get_status", Set.of("ids", "fields"), p -> {
            List<String> ids = p.has("ids") ? p.ids("ids").orElse(List.of()) : List.of();
            List<String> fields = p.strings("fields");
            for (String f : fields) {
                if (!FIELDS.contains(f)) throw RpcError.invalidParams("fields", "no field " + f);
            }
            List<ObjectNode> out = new ArrayList<>();
            for (TorrentSnapshot s : manager.status(ids)) {
                ObjectNode all = Json.MAPPER.valueToTree(s);
                if (!fields.isEmpty()) {
                    all.retain(with(Set.copyOf(fields), "id"));
                }
                out.add(all);
            }
            return Map.of("torrents", out, "revision", deltas.revision());
        });
        add("pause", Set.of("ids"), p -> done(() -> manager.pause(ids(p))));
        add("resume", Set.of("ids"), p -> done(() -> manager.resume(ids(p))));
        add("force_start", Set.of("ids", "force"), p -> done(() -> manager.forceStart(ids(p), p.bool("force", true))));
        add(
                "remove",
                Set.of("ids", "delete_data"),
                p -> done(() -> manager.remove(ids(p), p.bool("delete_data", false))));
        add("recheck", Set.of("ids"), p -> done(() -> manager.recheck(ids(p))));
        add("reannounce", Set.of("ids"), p -> done(() -> manager.reannounce(ids(p))));
        add(
                "move_storage",
                Set.of("id", "path"),
                p -> new Later(manager.moveStorage(p.id("id"), path(p, "path"))
                        .thenApply(dir -> Map.of("path", dir.toString()))));
        add(
                "rename_path",
                Set.of("id", "from", "to"),
                p -> new Later(manager.renamePath(p.id("id"), p.string("from"), p.string("to"))
                        .thenApply(v -> Map.of())));
        add(
                "get_files",
                Set.of("id"),
                p -> Map.of("files", manager.details(p.id("id")).files()));
        add(
                "set_file_priorities",
                Set.of("id", "priorities"),
                p -> done(() -> manager.setFilePriorities(p.id("id"), priorities(p, "priorities"))));
        add(
                "get_peers",
                Set.of("id"),
                p -> Map.of("peers", manager.details(p.id("id")).peers()));
        add(
                "get_trackers",
                Set.of("id"),
                p -> Map.of("trackers", manager.details(p.id("id")).trackers()));
        add("get_pieces", Set.of("id"), p -> manager.details(p.id("id")).pieces());
        add("add_trackers", Set.of("id", "urls"), p -> done(() -> manager.addTrackers(p.id("id"), uris(p))));
        add("remove_trackers", Set.of("id", "urls"), p -> done(() -> manager.removeTrackers(p.id("id"), uris(p))));
        add(
                "set_torrent_options",
                Set.of(
                        "ids",
                        "sequential",
                        "first_last_pieces",
                        "download_limit",
                        "upload_limit",
                        "ratio_limit",
                        "seeding_minutes_limit",
                        "max_peers",
                        "upload_slots",
                        "category",
                        "tags"),
                p -> {
                    TorrentOptionsChange change = new TorrentOptionsChange(
                            p.optBool("sequential"),
                            p.optBool("first_last_pieces"),
                            p.optLong("download_limit", 0),
                            p.optLong("upload_limit", 0),
                            p.optDouble("ratio_limit"),
                            p.optLong("seeding_minutes_limit", -2),
                            p.optInt("max_peers", 1, 100_000),
                            p.optInt("upload_slots", 1, 10_000),
                            p.optString("category"),
                            p.has("tags") ? Optional.of(p.strings("tags")) : Optional.empty());
                    return done(() -> manager.setTorrentOptions(ids(p), change));
                });
        add("queue_move", Set.of("ids", "to"), p -> {
            QueueMove move;
            try {
                move = QueueMove.valueOf(p.string("to").toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw RpcError.invalidParams("to", "one of up, down, top, bottom");
            }
            return done(() -> manager.queueMove(ids(p), move));
        });
        add("get_settings", Set.of(), p -> manager.settings());
        add("set_settings", Set.of("settings"), p -> {
            if (!(p.raw("settings") instanceof ObjectNode patch))
                throw RpcError.invalidParams("settings", "required: an object with the settings to change");
            Settings next;
            try {
                next = SettingsFile.merge(manager.settings(), patch);
            } catch (IllegalArgumentException e) {
                throw RpcError.invalidParams("settings", e.getMessage());
            }
            manager.setSettings(next);
            return manager.settings();
        });
        add("session_stats", Set.of(), p -> manager.sessionStatus());
        add("free_space", Set.of("path"), p -> {
            Path dir = path(p, "path");
            return Map.of("path", dir.toString(), "free_bytes", TorrentManager.freeSpace(dir));
        });
        add("save_torrent_file", Set.of("id", "path"), p -> {
            byte[] torrent = manager.torrentFile(p.id("id"))
                    .orElseThrow(() -> RpcError.application(RpcError.Kind.NOT_READY, "its metadata is not known yet"));
            if (!p.has("path")) return Map.of("metainfo", Base64.getEncoder().encodeToString(torrent));
            Path file = path(p, "path");
            try {
                Files.write(file, torrent);
            } catch (java.io.IOException e) {
                throw RpcError.application(RpcError.Kind.IO_ERROR, "cannot write " + file + ": " + e.getMessage());
            }
            return Map.of("path", file.toString());
        });
        add("subscribe", Set.of("notifications", "interval_ms", "clock_step"), p -> {
            Set<Push.Notification> which = notifications(p);
            long interval = p.optLong("interval_ms", 100).orElse(500);
            if (interval > 60_000) throw RpcError.invalidParams("interval_ms", "must be <= 60000");
            var step = p.optLong("clock_step", 0);
            if (step.isPresent() && step.getAsLong() > DeltaTracker.MAX_CLOCK_STEP)
                throw RpcError.invalidParams("clock_step", "must be <= " + DeltaTracker.MAX_CLOCK_STEP);
            step.ifPresent(deltas::clockStep);
            push.subscribe(which, interval);
            return Map.of(
                    "subscribed",
                    push.subscribed().stream().map(Push.Notification::wireName).toList(),
                    "revision",
                    deltas.revision());
        });
        add("unsubscribe", Set.of("notifications"), p -> {
            push.unsubscribe(notifications(p));
            return Map.of(
                    "subscribed",
                    push.subscribed().stream().map(Push.Notification::wireName).toList());
        });
        add("sync", Set.of("revision"), p -> {
            long since = p.optLong("revision", 0).orElse(0);
            deltas.advance(Push.snapshots(manager), Push.session(manager));
            DeltaTracker.Delta d = deltas.since(since);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("revision", d.revision());
            out.put("full", d.full());
            out.put("torrents", d.torrents());
            out.put("removed", d.removed());
            if (d.session() != null) out.put("session", d.session());
            return out;
        });
        add("shutdown", Set.of(), p -> {
            shutdown.run();
            return Map.of();
        });
    }

    static final Set<String> FIELDS =
            TorrentSnapshot.FIELDS.stream().map(Json::snake).collect(java.util.stream.Collectors.toUnmodifiableSet());

    @FunctionalInterface
    private interface Action {
        void run() throws RpcError, ManagerException;
    }

    private static Map<String, Object> done(Action a) throws RpcError, ManagerException {
        a.run();
        return Map.of();
    }

    private AddOptions addOptions(Params p) throws RpcError {
        Optional<Path> save = p.has("save_path") ? Optional.of(path(p, "save_path")) : Optional.empty();
        boolean paused = p.bool("paused", false);
        boolean sequential = p.bool("sequential", false);
        boolean firstLast = p.bool("first_last_pieces", false);
        String category = p.optString("category").orElse("");
        List<String> tags = p.strings("tags");
        return AddOptions.defaults().with(b -> {
            save.ifPresent(b::savePath);
            b.paused(paused)
                    .sequential(sequential)
                    .firstLastPieces(firstLast)
                    .category(category)
                    .tags(tags);
        });
    }

    private List<String> ids(Params p) throws RpcError, ManagerException {
        Optional<List<String>> ids = p.ids("ids");
        if (ids.isPresent()) return ids.get();
        return manager.ids();
    }

    private static Path path(Params p, String name) throws RpcError {
        String value = p.string(name);
        try {
            Path path = Path.of(value);
            if (!path.isAbsolute()) throw RpcError.invalidParams(name, "must be an absolute path");
            return path;
        } catch (InvalidPathException e) {
            throw RpcError.invalidParams(name, "not a path: " + e.getReason());
        }
    }

    private static List<java.net.URI> uris(Params p) throws RpcError {
        List<java.net.URI> out = new ArrayList<>();
        for (String s : p.strings("urls")) {
            try {
                java.net.URI u = new java.net.URI(s);
                if (u.getScheme() == null || !Set.of("http", "https", "udp").contains(u.getScheme()))
                    throw RpcError.invalidParams("urls", "not a tracker URL: " + s);
                out.add(u);
            } catch (java.net.URISyntaxException e) {
                throw RpcError.invalidParams("urls", "not a URL: " + s);
            }
        }
        if (out.isEmpty()) throw RpcError.invalidParams("urls", "required: a non-empty list");
        return out;
    }

    /** File priorities as an object {"index": priority}; 0 skips a file, 1..7 low to high. */
    private static Map<Integer, Integer> priorities(Params p, String name) throws RpcError {
        JsonNode v = p.raw(name);
        Map<Integer, Integer> out = new HashMap<>();
        if (v == null) return out;
        if (!(v instanceof ObjectNode o))
            throw RpcError.invalidParams(name, "must be an object {\"file index\": priority}");
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            int index;
            try {
                index = Integer.parseInt(e.getKey());
            } catch (NumberFormatException bad) {
                throw RpcError.invalidParams(name, "not a file index: " + e.getKey());
            }
            JsonNode prio = e.getValue();
            if (index < 0 || !prio.isIntegralNumber() || prio.intValue() < 0 || prio.intValue() > 7)
                throw RpcError.invalidParams(name, "file " + e.getKey() + ": priority must be 0..7");
            out.put(index, prio.intValue());
        }
        return out;
    }

    private static Set<Push.Notification> notifications(Params p) throws RpcError {
        if (!p.has("notifications")) return EnumSet.allOf(Push.Notification.class);
        Set<Push.Notification> out = EnumSet.noneOf(Push.Notification.class);
        for (String n : p.strings("notifications")) {
            try {
                out.add(Push.Notification.of(n));
            } catch (IllegalArgumentException e) {
                throw RpcError.invalidParams("notifications", "no notification " + n);
            }
        }
        return out;
    }

    /** The result of a method that answers when its work is done (a move), not at once. */
    record Later(CompletionStage<?> stage) {}

    /** A handler's result as a stage. */
    static CompletionStage<?> stage(Object result) {
        return result instanceof Later(CompletionStage<?> s) ? s : CompletableFuture.completedFuture(result);
    }
}
