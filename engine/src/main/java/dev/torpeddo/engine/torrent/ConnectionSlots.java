package dev.torpeddo.engine.torrent;

import java.util.concurrent.Semaphore;

/**
 * The session-wide connection limit, shared by every torrent and magnet fetch: a semaphore whose size the
 * user can change while connections hold permits. Lowering it below what is in use lets no new connection
 * in until enough have closed; nothing is dropped for it.
 */
public final class ConnectionSlots extends Semaphore {
    private static final long serialVersionUID = 1L;
    private int size;

    public ConnectionSlots(int size) {
        super(size);
        this.size = size;
    }

    public synchronized void resize(int newSize) {
        if (newSize <= 0) throw new IllegalArgumentException("the connection limit must be positive");
        if (newSize > size) release(newSize - size);
        else if (newSize < size) reducePermits(size - newSize);
        size = newSize;
    }

    public synchronized int size() {
        return size;
    }
}
