package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.net.Network;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/**
 * A connection whose peer reads exactly as many bytes as the test lets it ({@link #letPeerRead}), and sends
 * nothing: the writer thread blocks where a socket to a peer that does not read would block it, without
 * kernel buffers of unknown size in between.
 */
final class GatedConnection implements Network.Connection {
    private final Semaphore readable = new Semaphore(0);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean writerWaiting;

    /** The peer takes {@code bytes} more of what we write. */
    void letPeerRead(int bytes) {
        readable.release(bytes);
    }

    /** Waits until the writer has written all the peer would take and is blocked on the rest. */
    void awaitWriterBlocked() throws InterruptedException {
        for (int i = 0; i < 10_000 && !(writerWaiting && readable.availablePermits() == 0); i++) Thread.sleep(1);
        if (!writerWaiting) throw new AssertionError("the writer never blocked");
    }

    @Override
    public InputStream in() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return read(new byte[1], 0, 1);
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    closed.await(); // the peer never sends a byte
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return -1;
            }
        };
    }

    @Override
    public OutputStream out() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                while (len > 0) {
                    if (closed.getCount() == 0) throw new IOException("closed");
                    int n;
                    try {
                        writerWaiting = readable.availablePermits() == 0;
                        readable.acquire();
                        writerWaiting = false;
                        int more = readable.drainPermits();
                        n = Math.min(len, 1 + more);
                        readable.release(1 + more - n);
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                    off += n;
                    len -= n;
                }
            }
        };
    }

    @Override
    public InetSocketAddress remote() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 6881);
    }

    @Override
    public void setReadTimeout(Duration timeout) {}

    @Override
    public void close() {
        closed.countDown();
        readable.release(Integer.MAX_VALUE / 2); // a blocked writer wakes up and fails
    }
}
