package dev.torpeddo.engine.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * One tracker exchange's view of the shared socket. It learns the transaction ids from the BEP 15 requests it
 * sends, and the demux hands it only replies from that tracker carrying one of those ids.
 */
final class SharedTrackerEndpoint implements UdpEndpoint {
    /** BEP 15 requests: connection id (8), action (4), transaction id (4). */
    private static final int REQUEST_TID_OFFSET = 12;
    /** A retrying exchange sends one id per attempt; older ones can go. */
    private static final int MAX_TRANSACTIONS = 16;

    private final UdpDemux demux;
    private final UdpSender sender;
    private final PacketQueue inbox;
    private final ArrayDeque<ExchangeKey> keys = new ArrayDeque<>();
    private boolean closed;

    SharedTrackerEndpoint(UdpDemux demux, UdpSender sender, PacketQueue inbox) {
        this.demux = demux;
        this.sender = sender;
        this.inbox = inbox;
    }

    @Override
    public void send(ByteBuffer packet, InetSocketAddress target) throws IOException {
        if (packet.remaining() >= REQUEST_TID_OFFSET + 4 && !target.isUnresolved()) {
            // Registered before sending, so that even an instant reply finds us.
            watch(new ExchangeKey(target, packet.getInt(packet.position() + REQUEST_TID_OFFSET)));
        }
        sender.send(packet, target);
    }

    private synchronized void watch(ExchangeKey key) throws IOException {
        if (closed) throw closedError();
        keys.add(key);
        demux.register(key, this);
        if (keys.size() > MAX_TRANSACTIONS) demux.unregister(keys.poll(), this);
    }

    @Override
    public Optional<Datagram> receive(Duration timeout) throws IOException, InterruptedException {
        try {
            return inbox.poll(timeout).map(p -> new Datagram(p.source(), p.data()));
        } catch (ClosedChannelException e) {
            throw closedError();
        }
    }

    static IOException closedError() {
        return new IOException("the shared UDP socket or this exchange was closed");
    }

    boolean deliver(Packet packet) {
        return inbox.offer(packet);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            for (ExchangeKey key : keys) demux.unregister(key, this);
            keys.clear();
        }
        inbox.close();
        demux.closed(this);
    }
}
