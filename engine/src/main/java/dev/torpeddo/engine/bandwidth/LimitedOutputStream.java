package dev.torpeddo.engine.bandwidth;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes to a socket's stream in chunks a {@link Bandwidth} grants, each passed on at once: put it under any
 * buffer, so that what leaves for the network is paced, not what enters the buffer.
 */
final class LimitedOutputStream extends OutputStream {
    private final OutputStream out;
    private final Bandwidth bandwidth;

    LimitedOutputStream(OutputStream out, Bandwidth bandwidth) {
        this.out = out;
        this.bandwidth = bandwidth;
    }

    @Override
    public void write(int b) throws IOException {
        byte[] one = {(byte) b};
        write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (bandwidth.isUnlimited()) {
            out.write(b, off, len);
            // A limit set while this write waited: count what it sent.
            if (len > 0 && !bandwidth.isUnlimited()) bandwidth.charge(len);
            return;
        }
        while (len > 0) {
            int granted = acquire(len);
            try {
                out.write(b, off, granted);
            } catch (IOException e) {
                bandwidth.giveBack(granted);
                throw e;
            }
            off += granted;
            len -= granted;
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
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
