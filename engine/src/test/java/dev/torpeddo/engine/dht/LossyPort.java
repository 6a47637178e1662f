package dev.torpeddo.engine.dht;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link DatagramPort} that silently loses every {@code n}-th datagram it is asked to send. */
final class LossyPort implements DatagramPort {
    private final DatagramPort inner;
    private final int n;
    private final AtomicInteger sends = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();

    LossyPort(DatagramPort inner, int n) {
        this.inner = inner;
        this.n = n;
    }

    @Override
    public void send(byte[] packet, InetSocketAddress target) throws IOException {
        if (sends.incrementAndGet() % n == 0) {
            dropped.incrementAndGet();
            return;
        }
        inner.send(packet, target);
    }

    @Override
    public void start(Receiver receiver) {
        inner.start(receiver);
    }

    @Override
    public InetSocketAddress localAddress() {
        return inner.localAddress();
    }

    @Override
    public void close() {
        inner.close();
    }
}
