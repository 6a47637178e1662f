package dev.torpeddo.engine.tracker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A BEP 15 tracker on 127.0.0.1 for tests. By default it behaves; a test installs a {@link Responder} to drop,
 * forge or garble replies. It records every request it receives.
 */
final class FakeUdpTracker implements AutoCloseable {

    /** One received request. */
    record Request(int action, int transactionId, long connectionId, byte[] raw) {
        ByteBuffer body() {
            return ByteBuffer.wrap(raw);
        }
    }

    /** One datagram to send back; {@code spoofed} ones come from a different port than the tracker's. */
    record Reply(byte[] data, boolean spoofed) {
        static Reply of(byte[] data) {
            return new Reply(data, false);
        }
    }

    /** Decides the replies to one request; {@code defaults} is the well-behaved answer. */
    @FunctionalInterface
    interface Responder {
        List<Reply> respond(Request request, List<Reply> defaults);
    }

    private final DatagramChannel channel;
    private final DatagramChannel spoofer;
    private final Thread loop;
    private final AtomicLong nextConnectionId = new AtomicLong(0x1122334455667788L);
    private final Set<Long> issuedConnectionIds = ConcurrentHashMap.newKeySet();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile Responder responder = (request, defaults) -> defaults;
    volatile int interval = 1800;
    volatile byte[] peers = new byte[0];

    FakeUdpTracker() throws IOException {
        this(InetAddress.getLoopbackAddress());
    }

    /** A tracker on {@code host}, e.g. {@code ::1}, where it answers with 18-byte IPv6 peer entries. */
    FakeUdpTracker(InetAddress host) throws IOException {
        channel = DatagramChannel.open().bind(new InetSocketAddress(host, 0));
        spoofer = DatagramChannel.open().bind(new InetSocketAddress(host, 0));
        loop = Thread.ofVirtual().name("fake-udp-tracker").start(this::serve);
    }

    URI uri() {
        InetSocketAddress at = (InetSocketAddress) localAddress();
        String host = at.getAddress() instanceof java.net.Inet6Address ? "[::1]" : "127.0.0.1";
        return URI.create("udp://" + host + ":" + at.getPort() + "/announce");
    }

    private SocketAddress localAddress() {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    long count(int action) {
        return requests.stream().filter(r -> r.action() == action).count();
    }

    private void serve() {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        try {
            while (true) {
                buf.clear();
                SocketAddress from = channel.receive(buf);
                buf.flip();
                byte[] raw = Arrays.copyOf(buf.array(), buf.limit());
                if (raw.length < 16) continue;
                ByteBuffer b = ByteBuffer.wrap(raw);
                Request request = new Request(b.getInt(8), b.getInt(12), b.getLong(0), raw);
                requests.add(request);
                for (Reply reply : responder.respond(request, defaults(request))) {
                    (reply.spoofed() ? spoofer : channel).send(ByteBuffer.wrap(reply.data()), from);
                }
            }
        } catch (ClosedChannelException closed) {
            // test over
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Reply> defaults(Request r) {
        return switch (r.action()) {
            case UdpPackets.CONNECT -> {
                if (r.connectionId() != UdpPackets.PROTOCOL_ID) yield List.of();
                long id = nextConnectionId.getAndIncrement();
                issuedConnectionIds.add(id);
                yield List.of(Reply.of(connectReply(r.transactionId(), id)));
            }
            case UdpPackets.ANNOUNCE ->
                issuedConnectionIds.contains(r.connectionId())
                        ? List.of(Reply.of(announceReply(r.transactionId(), interval, 3, 4, peers)))
                        : List.of(Reply.of(errorReply(r.transactionId(), "bad connection id")));
            case UdpPackets.SCRAPE ->
                List.of(Reply.of(ByteBuffer.allocate(20)
                        .putInt(UdpPackets.SCRAPE)
                        .putInt(r.transactionId())
                        .putInt(8)
                        .putInt(21)
                        .putInt(9)
                        .array()));
            default -> List.of();
        };
    }

    static byte[] connectReply(int tid, long connectionId) {
        return ByteBuffer.allocate(16)
                .putInt(UdpPackets.CONNECT)
                .putInt(tid)
                .putLong(connectionId)
                .array();
    }

    static byte[] announceReply(int tid, int interval, int leechers, int seeders, byte[] peers) {
        return ByteBuffer.allocate(20 + peers.length)
                .putInt(UdpPackets.ANNOUNCE)
                .putInt(tid)
                .putInt(interval)
                .putInt(leechers)
                .putInt(seeders)
                .put(peers)
                .array();
    }

    static byte[] errorReply(int tid, String message) {
        byte[] m = message.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + m.length)
                .putInt(UdpPackets.ERROR)
                .putInt(tid)
                .put(m)
                .array();
    }

    @Override
    public void close() throws IOException {
        channel.close();
        spoofer.close();
        loop.interrupt();
    }
}
