package dev.torpeddo.backend.rpc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What changed, field by field, between snapshots of every torrent, numbered by revision: the source of
 * {@code state_delta} notifications and of {@code sync}. It keeps one copy of the last snapshot and, per field,
 * the revision that last changed it, so a client that knows revision r gets exactly what changed since, however
 * many deltas it missed; removals are remembered for the last {@link #REMOVALS_KEPT} of them, and a revision
 * older than that gets a full snapshot. Memory is one snapshot per torrent, whatever the client does.
 */
final class DeltaTracker {
    static final int REMOVALS_KEPT = 10_000;

    private record Removal(String id, long revision) {}

    /** The changes of one revision (or of several, for a sync). */
    record Delta(long revision, boolean full, List<ObjectNode> torrents, List<String> removed, ObjectNode session) {
        boolean isEmpty() {
            return torrents.isEmpty() && removed.isEmpty() && session == null;
        }
    }

    private long revision;
    /** Revisions at or below this one may have lost removals: a sync from there is a full snapshot. */
    private long horizon;

    private final LinkedHashMap<String, ObjectNode> last = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> changedAt = new HashMap<>();
    private final ArrayDeque<Removal> removals = new ArrayDeque<>();
    private ObjectNode lastSession;
    private long sessionChangedAt;

    synchronized long revision() {
        return revision;
    }

    /**
     * Takes in the snapshots of now; if anything differs from the last ones, a new revision with only what
     * changed (whole new torrents, changed fields of the others with their id, removed ids, the session if it
     * changed). An empty delta (same revision) when nothing did.
     */
    synchronized Delta advance(List<ObjectNode> now, ObjectNode session) {
        long next = revision + 1;
        List<ObjectNode> changed = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (ObjectNode snap : now) {
            String id = snap.get("id").asString();
            present.add(id);
            ObjectNode before = last.get(id);
            Map<String, Long> at = changedAt.computeIfAbsent(id, k -> new HashMap<>());
            ObjectNode diff = snap.objectNode();
            diff.set("id", snap.get("id"));
            for (Map.Entry<String, JsonNode> f : snap.properties()) {
                if (before == null || !f.getValue().equals(before.get(f.getKey()))) {
                    diff.set(f.getKey(), f.getValue());
                    at.put(f.getKey(), next);
                }
            }
            if (diff.size() > 1) changed.add(diff);
            last.put(id, snap);
        }
        List<String> removed = new ArrayList<>();
        for (var it = last.keySet().iterator(); it.hasNext(); ) {
            String id = it.next();
            if (!present.contains(id)) {
                it.remove();
                changedAt.remove(id);
                removed.add(id);
                removals.add(new Removal(id, next));
                if (removals.size() > REMOVALS_KEPT) horizon = removals.poll().revision();
            }
        }
        ObjectNode sessionChange = session.equals(lastSession) ? null : session;
        if (sessionChange != null) {
            lastSession = session;
            sessionChangedAt = next;
        }
        if (changed.isEmpty() && removed.isEmpty() && sessionChange == null) {
            return new Delta(revision, false, List.of(), List.of(), null);
        }
        revision = next;
        return new Delta(revision, false, changed, removed, sessionChange);
    }

    /** Everything that changed after {@code since}, or all of it ({@code full}) when that is too old or unknown. */
    synchronized Delta since(long since) {
        if (since < horizon || since > revision || since <= 0) {
            return new Delta(revision, true, new ArrayList<>(last.values()), List.of(), lastSession);
        }
        List<ObjectNode> changed = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : last.entrySet()) {
            ObjectNode snap = e.getValue();
            ObjectNode diff = snap.objectNode();
            diff.set("id", snap.get("id"));
            for (Map.Entry<String, Long> f : changedAt.get(e.getKey()).entrySet()) {
                if (f.getValue() > since) diff.set(f.getKey(), snap.get(f.getKey()));
            }
            if (diff.size() > 1) changed.add(diff);
        }
        List<String> removed = new ArrayList<>();
        for (Removal r : removals) if (r.revision() > since && !last.containsKey(r.id())) removed.add(r.id());
        return new Delta(revision, false, changed, removed, sessionChangedAt > since ? lastSession : null);
    }
}
