package dev.torpeddo.engine.sim;

import dev.torpeddo.engine.net.Network;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;

/** One end of a simulated TCP connection. */
final class SimConnection implements Network.Connection {
    private final Scheduler scheduler;
    private final TcpPipe incoming;
    private final TcpPipe outgoing;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private volatile long readTimeoutNanos;

    SimConnection(
            Scheduler scheduler,
            TcpPipe incoming,
            TcpPipe outgoing,
            InetSocketAddress local,
            InetSocketAddress remote) {
        this.scheduler = scheduler;
        this.incoming = incoming;
        this.outgoing = outgoing;
        this.local = local;
        this.remote = remote;
    }

    @Override
    public InputStream in() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return incoming.read(b, off, len, readTimeoutNanos);
            }

            @Override
            public int available() {
                return incoming.available();
            }

            @Override
            public void close() throws IOException {
                SimConnection.this.close();
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
                outgoing.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                SimConnection.this.close();
            }
        };
    }

    InetSocketAddress local() {
        return local;
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public void setReadTimeout(Duration timeout) {
        readTimeoutNanos = timeout.toNanos();
    }

    @Override
    public void close() {
        scheduler.lock.lock();
        try {
            scheduler.touch();
            outgoing.closeWriter();
            incoming.closeReader();
        } finally {
            scheduler.lock.unlock();
        }
    }

    @Override
    public String toString() {
        return local + " -> " + remote;
    }
}
