package dev.torpeddo.engine.bandwidth;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;

/**
 * Reads from a socket's stream only what a {@link Bandwidth} grants. It waits for data before asking for
 * tokens (a silent peer must not sit on its share): one blocking byte, then what {@link #available} says is
 * already there, within the grant, so the read after the grant never blocks.
 */
final class LimitedInputStream extends InputStream {
    private final InputStream in;
    private final Bandwidth bandwidth;

    LimitedInputStream(InputStream in, Bandwidth bandwidth) {
        this.in = in;
        this.bandwidth = bandwidth;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) pay(1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        if (bandwidth.isUnlimited()) {
            int n = in.read(b, off, len);
            // A limit set while this read waited: count what it brought.
            if (n > 0 && !bandwidth.isUnlimited()) bandwidth.charge(n);
            return n;
        }
        int first = in.read();
        if (first < 0) return -1;
        b[off] = (byte) first;
        int granted = acquire((int) Math.min(len, 1L + in.available()));
        if (granted == 1) return 1;
        int n;
        try {
            n = in.read(b, off + 1, granted - 1);
        } catch (IOException e) {
            bandwidth.giveBack(granted - 1);
            throw e;
        }
        int used = 1 + Math.max(0, n);
        bandwidth.giveBack(granted - used);
        return used;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void pay(int bytes) throws IOException {
        for (int left = bytes; left > 0; ) left -= acquire(left);
    }

    private int acquire(int wanted) throws InterruptedIOException {
        try {
            return bandwidth.acquire(wanted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for bandwidth");
        }
    }
}
