package dev.torpeddo.engine.mse;

import dev.torpeddo.engine.net.Network;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.time.Duration;

/**
 * One end of an in-memory connection (two OS pipes, no socket): what the other end writes, this one reads.
 * Everything written is also kept in {@link #wire}, to check what an observer would see.
 */
final class PipeConnection implements Network.Connection {
    private static final InetSocketAddress NOWHERE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);

    private final InputStream in;
    private final OutputStream out;
    private final Pipe.SinkChannel sink;
    final ByteArrayOutputStream wire = new ByteArrayOutputStream();

    private PipeConnection(Pipe incoming, Pipe outgoing) {
        this.in = Channels.newInputStream(incoming.source());
        this.sink = outgoing.sink();
        OutputStream raw = Channels.newOutputStream(sink);
        this.out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                synchronized (wire) {
                    wire.write(b, off, len);
                }
                raw.write(b, off, len);
            }
        };
    }

    /** Two connected ends. */
    static PipeConnection[] pair() throws IOException {
        Pipe aToB = Pipe.open();
        Pipe bToA = Pipe.open();
        return new PipeConnection[] {new PipeConnection(bToA, aToB), new PipeConnection(aToB, bToA)};
    }

    byte[] written() {
        synchronized (wire) {
            return wire.toByteArray();
        }
    }

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public OutputStream out() {
        return out;
    }

    @Override
    public InetSocketAddress remote() {
        return NOWHERE;
    }

    @Override
    public void setReadTimeout(Duration timeout) {
        // the tests' peers never stall; the deadline is PeerConnector's business, tested there
    }

    @Override
    public void close() throws IOException {
        sink.close();
        in.close();
    }
}
