package dev.torpeddo.engine.peer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A read buffer for one connection's reader thread. Unlike {@link java.io.BufferedInputStream} it takes no
 * lock and never asks the socket how much is available (one {@code ioctl} per partial read there): a read
 * is served from the buffer, or by one read from the socket.
 */
final class SocketInput extends InputStream {
    private final InputStream in;
    private final byte[] buffer;
    private int position;
    private int limit;
    // Counted by the reader thread and published for the heartbeat, which tells a slow peer from a silent one.
    private long total;
    private volatile long received;

    SocketInput(InputStream in, int size) {
        this.in = in;
        this.buffer = new byte[size];
    }

    @Override
    public int read() throws IOException {
        if (position == limit && !fill()) return -1;
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        if (position == limit) {
            // A large read with nothing buffered goes straight to the caller's array.
            if (len >= buffer.length) {
                int n = in.read(b, off, len);
                if (n > 0) received = total += n;
                return n;
            }
            if (!fill()) return -1;
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    /** Bytes taken from the underlying stream so far. */
    long received() {
        return received;
    }

    @Override
    public int available() {
        return limit - position;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) return false;
        received = total += n;
        position = 0;
        limit = n;
        return true;
    }
}
