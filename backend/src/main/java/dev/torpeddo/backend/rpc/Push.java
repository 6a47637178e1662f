package dev.torpeddo.backend.rpc;

import dev.torpeddo.backend.manager.ManagerEvent;
import dev.torpeddo.backend.manager.ManagerException;
import dev.torpeddo.backend.manager.TorrentManager;
import dev.torpeddo.backend.manager.TorrentSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Notifications the client subscribed to: the manager's events, one notification each, and {@code state_delta}
 * every interval with only what changed. Neither can make the backend buffer without bound: events wait in a
 * bounded queue (when it overflows the oldest go and the next delta says {@code events_lost}, so the client can
 * {@code sync}), and deltas are computed when sent, so a slow reader gets fewer, larger ones.
 */
final class Push implements AutoCloseable {
    static final int MAX_QUEUED_EVENTS = 10_000;

    /** Every notification the bridge sends, by its wire name. */
    enum Notification {
        TORRENT_ADDED,
        METADATA_RECEIVED,
        STATE_CHANGED,
        TORRENT_FINISHED,
        TORRENT_REMOVED,
        TORRENT_ERROR,
        FILE_COMPLETED,
        STORAGE_MOVED,
        TRACKER_STATUS,
        STATE_DELTA;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Notification of(String wire) {
            for (Notification n : values()) if (n.wireName().equals(wire)) return n;
            throw new IllegalArgumentException("no notification " + wire);
        }
    }

    private final TorrentManager manager;
    private final Output out;
    private final DeltaTracker deltas;
    private final ArrayDeque<ObjectNode> events = new ArrayDeque<>();
    private final Set<Notification> subscribed = EnumSet.noneOf(Notification.class);
    private long intervalMillis = 500;
    private boolean eventsLost;
    private boolean closed;
    private final Thread sender;

    private final int maxQueuedEvents;

    Push(TorrentManager manager, Output out, DeltaTracker deltas) {
        this(manager, out, deltas, MAX_QUEUED_EVENTS);
    }

    /** With a smaller event queue, for tests. */
    Push(TorrentManager manager, Output out, DeltaTracker deltas, int maxQueuedEvents) {
        this.maxQueuedEvents = maxQueuedEvents;
        this.manager = manager;
        this.out = out;
        this.deltas = deltas;
        manager.subscribe(this::onEvent);
        sender = Thread.ofVirtual().name("torpeddo-rpc-push").start(this::run);
    }

    synchronized void subscribe(Set<Notification> which, long interval) {
        subscribed.addAll(which);
        intervalMillis = interval;
        notifyAll();
    }

    synchronized void unsubscribe(Set<Notification> which) {
        subscribed.removeAll(which);
    }

    synchronized Set<Notification> subscribed() {
        return EnumSet.copyOf(subscribed.isEmpty() ? EnumSet.noneOf(Notification.class) : subscribed);
    }

    private void onEvent(ManagerEvent e) {
        Notification kind = switch (e) {
            case ManagerEvent.Added a -> Notification.TORRENT_ADDED;
            case ManagerEvent.MetadataReceived m -> Notification.METADATA_RECEIVED;
            case ManagerEvent.StateChanged s -> Notification.STATE_CHANGED;
            case ManagerEvent.Finished f -> Notification.TORRENT_FINISHED;
            case ManagerEvent.Removed r -> Notification.TORRENT_REMOVED;
            case ManagerEvent.Failed f -> Notification.TORRENT_ERROR;
            case ManagerEvent.FileCompleted f -> Notification.FILE_COMPLETED;
            case ManagerEvent.StorageMoved m -> Notification.STORAGE_MOVED;
            case ManagerEvent.TrackerStatus t -> Notification.TRACKER_STATUS;
            case ManagerEvent.PeerBanned b -> null; // shown in the peers list, not a notification
        };
        if (kind == null) return;
        ObjectNode params = Json.MAPPER.valueToTree(e);
        if (e instanceof ManagerEvent.StateChanged s) {
            params.put("from", s.from().wireName()).put("to", s.to().wireName());
        }
        ObjectNode message =
                Json.MAPPER.createObjectNode().put("jsonrpc", "2.0").put("method", kind.wireName());
        message.set("params", params);
        synchronized (this) {
            if (closed || !subscribed.contains(kind)) return;
            events.add(message);
            if (events.size() > maxQueuedEvents) {
                events.poll();
                eventsLost = true;
            }
            notifyAll();
        }
    }

    /** Snapshots of every torrent and the session as the bridge shows them. */
    static List<ObjectNode> snapshots(TorrentManager manager) {
        List<ObjectNode> out = new ArrayList<>();
        try {
            for (TorrentSnapshot s : manager.status(List.of())) out.add(Json.MAPPER.valueToTree(s));
        } catch (ManagerException cannotHappen) {
            throw new IllegalStateException(cannotHappen); // no ids asked: none can be unknown
        }
        return out;
    }

    static ObjectNode session(TorrentManager manager) {
        return Json.MAPPER.valueToTree(manager.sessionStatus());
    }

    private void run() {
        long nextDelta = System.nanoTime();
        while (true) {
            ObjectNode event; // one at a time: the queue's bound is all that waits, plus this one
            boolean deltaDue;
            boolean lost;
            synchronized (this) {
                while (!closed
                        && events.isEmpty()
                        && !(subscribed.contains(Notification.STATE_DELTA) && System.nanoTime() >= nextDelta)) {
                    long waitMs = subscribed.contains(Notification.STATE_DELTA)
                            ? Math.max(1, (nextDelta - System.nanoTime()) / 1_000_000)
                            : 0;
                    try {
                        wait(waitMs);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
                if (closed) return;
                event = events.poll();
                deltaDue = subscribed.contains(Notification.STATE_DELTA) && System.nanoTime() >= nextDelta;
                lost = eventsLost && events.isEmpty(); // said once the newest events are out
                if (lost) eventsLost = false;
                if (deltaDue) nextDelta = System.nanoTime() + intervalMillis * 1_000_000;
            }
            if (event != null) out.send(event);
            if (deltaDue || lost) sendDelta(lost);
        }
    }

    private void sendDelta(boolean eventsLost) {
        DeltaTracker.Delta d;
        try {
            d = deltas.advance(snapshots(manager), session(manager));
        } catch (IllegalStateException managerClosed) {
            return;
        }
        if (d.isEmpty() && !eventsLost) return;
        ObjectNode params = Json.MAPPER.createObjectNode().put("revision", d.revision());
        params.set("torrents", Json.MAPPER.valueToTree(d.torrents()));
        params.set("removed", Json.MAPPER.valueToTree(d.removed()));
        if (d.session() != null) params.set("session", d.session());
        if (eventsLost) params.put("events_lost", true);
        ObjectNode message =
                Json.MAPPER.createObjectNode().put("jsonrpc", "2.0").put("method", "state_delta");
        message.set("params", params);
        out.send(message);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            sender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
