package dev.torpeddo.backend.manager;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Hands manager events to subscribers in the order they happened, on one thread of its own, so publishing never
 * waits for a subscriber and never runs one under the manager's lock.
 */
final class EventBus implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventBus.class.getName());

    private final List<Consumer<ManagerEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final ArrayDeque<ManagerEvent> queue = new ArrayDeque<>();
    private final Thread thread;
    private boolean closed;

    EventBus() {
        thread = Thread.ofVirtual().name("torpeddo-manager-events").start(this::deliver);
    }

    void subscribe(Consumer<ManagerEvent> subscriber) {
        subscribers.add(subscriber);
    }

    void unsubscribe(Consumer<ManagerEvent> subscriber) {
        subscribers.remove(subscriber);
    }

    void publish(ManagerEvent event) {
        synchronized (queue) {
            if (closed) return;
            queue.add(event);
            queue.notifyAll();
        }
    }

    private void deliver() {
        while (true) {
            ManagerEvent next;
            synchronized (queue) {
                while (queue.isEmpty() && !closed) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (queue.isEmpty()) return;
                next = queue.poll();
            }
            for (Consumer<ManagerEvent> s : subscribers) {
                try {
                    s.accept(next);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "event subscriber failed on " + next, e);
                }
            }
        }
    }

    /** Delivers what is queued, then stops. */
    @Override
    public void close() {
        synchronized (queue) {
            closed = true;
            queue.notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
