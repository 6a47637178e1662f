package dev.torpeddo.engine.session;

import dev.torpeddo.engine.api.TorrentEvent;
import dev.torpeddo.engine.internal.Threads;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Delivers a session's events to its listeners, in order, on one thread of its own: never under a
 * torrent's lock, so a slow or re-entrant listener cannot stall or deadlock the engine. A listener that
 * throws is logged and the others still hear the event.
 */
final class EventDispatcher {
    private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

    private final CopyOnWriteArrayList<Consumer<TorrentEvent>> listeners = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<TorrentEvent> pending = new LinkedBlockingQueue<>();
    private final Thread thread;

    EventDispatcher(Threads threads) {
        this.thread = threads.startVirtual("events", this::run);
    }

    /** Queues an event; returns at once, from any thread. */
    void publish(TorrentEvent event) {
        pending.add(event);
    }

    void addListener(Consumer<TorrentEvent> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<TorrentEvent> listener) {
        listeners.remove(listener);
    }

    /** Delivers what is queued already, then stops. */
    void close() {
        thread.interrupt();
    }

    private void run() {
        try {
            while (true) deliver(pending.take());
        } catch (InterruptedException e) {
            // closing: deliver what is left so nothing that happened goes unreported
            for (TorrentEvent left; (left = pending.poll()) != null; ) deliver(left);
        }
    }

    private void deliver(TorrentEvent event) {
        for (Consumer<TorrentEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "event listener failed", e);
            }
        }
    }
}
