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
 *
 * <p>Clock fields ({@link #CLOCK_FIELDS}) move every second on every running torrent, so sending each tick puts
 * every running torrent, idle or not, in every delta. A client that counts on its own sets a clock step
 * ({@code subscribe}'s {@code clock_step}): a clock field is then sent only with another change of its torrent,
 * when it drifted a step from the value last sent, or when it did not just count (a new announce scheduled, a
 * counter reset). What this tracker keeps, and {@code sync} returns, is what was last sent.
 */
final class DeltaTracker {
    static final int REMOVALS_KEPT = 10_000;
    static final Set<String> CLOCK_FIELDS = Set.of("active_seconds", "seeding_seconds", "next_announce");
    static final long MAX_CLOCK_STEP = 3600;

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
    /** Seconds a clock field may count before it is sent; 0 sends every tick. */
    private long clockStep;

    private ObjectNode lastSession;
    private long sessionChangedAt;

    synchronized void clockStep(long seconds) {
        if (seconds < 0 || seconds > MAX_CLOCK_STEP) throw new IllegalArgumentException("clock step " + seconds);
        clockStep = seconds;
    }

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
            List<String> clocks = new ArrayList<>();
            for (Map.Entry<String, JsonNode> f : snap.properties()) {
                if (before == null || !f.getValue().equals(before.get(f.getKey()))) {
                    if (before != null && CLOCK_FIELDS.contains(f.getKey())) clocks.add(f.getKey());
                    else diff.set(f.getKey(), f.getValue());
                }
            }
            boolean othersChanged = diff.size() > 1;
            for (String f : clocks) {
                if (othersChanged || !ticked(before.get(f).asLong(), snap.get(f).asLong(), f)) diff.set(f, snap.get(f));
                else snap.set(f, before.get(f)); // keep what the client was told: it counts on from there
            }
            for (String f : diff.propertyNames()) if (!f.equals("id")) at.put(f, next);
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

    /**
     * Whether a clock field's move from {@code sent} to {@code now} is one the client can follow by counting
     * (so need not be sent): counted up, or down for {@code next_announce}, by less than the clock step.
     */
    private boolean ticked(long sent, long now, String field) {
        if (sent < 0 || now < 0) return false;
        long moved = field.equals("next_announce") ? sent - now : now - sent;
        return moved >= 0 && moved < clockStep;
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
