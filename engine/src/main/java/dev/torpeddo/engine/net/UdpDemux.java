package dev.torpeddo.engine.net;

import dev.torpeddo.engine.internal.Threads;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sorts the datagrams arriving on one shared UDP port among its users. A BEP 15 tracker reply (action 0..3, then a
 * transaction id) goes to the tracker exchange that sent that id to that address; a bencoded dictionary (first
 * byte {@code 'd'}, as every KRPC message is) goes to the DHT handler; a uTP packet to the uTP handler; anything else is dropped and counted. Every
 * queue is bounded and refuses packets when full, so a flood costs no more than the bounds.
 */
public final class UdpDemux {
    private static final System.Logger LOG = System.getLogger(UdpDemux.class.getName());
    private static final int TRACKER_HEADER = 8;
    private static final int TRACKER_MAX_ACTION = 3;
    private static final int UTP_HEADER = 20;

    /**
     * Queue bounds.
     *
     * @param dhtPackets packets waiting for the DHT handler
     * @param dhtBytes bytes waiting for the DHT handler
     * @param exchangePackets replies waiting for one tracker exchange
     */
    public record Limits(int dhtPackets, long dhtBytes, int exchangePackets) {
        public static final Limits DEFAULT = new Limits(512, 1 << 20, 8);

        public Limits {
            if (dhtPackets < 1 || dhtBytes < 1 || exchangePackets < 1) {
                throw new IllegalArgumentException("UDP queue limits must be positive");
            }
        }
    }

    /** Receives the DHT's packets, one at a time, on the demux's own dispatch thread. */
    @FunctionalInterface
    public interface DhtHandler {
        void received(InetSocketAddress source, byte[] packet);
    }

    /**
     * Receives uTP packets (BEP 29), on the socket's receive thread, straight from its buffer: the handler must
     * copy what it keeps and return quickly.
     */
    @FunctionalInterface
    public interface UtpHandler {
        void received(InetSocketAddress source, ByteBuffer packet);
    }

    /**
     * What became of the packets so far.
     *
     * @param trackerReplies handed to a waiting tracker exchange; counted before the exchange is woken, so the
     *     count already holds every reply an exchange has received
     * @param dhtPackets handed to (or queued for) the DHT handler
     * @param unmatched dropped: a tracker reply nobody waits for, or a dictionary with no DHT handler set
     * @param garbage dropped: neither a tracker reply nor a dictionary
     * @param queueFull dropped: the consumer's queue was full
     * @param dhtBacklog packets queued for the DHT handler now
     * @param pendingTransactions tracker transaction ids being waited for now
     */
    public record Stats(
            long trackerReplies,
            long dhtPackets,
            long unmatched,
            long garbage,
            long queueFull,
            int dhtBacklog,
            int pendingTransactions) {}

    private final UdpSender sender;
    private final Limits limits;
    private final Threads threads;
    private final Map<ExchangeKey, SharedTrackerEndpoint> exchanges = new ConcurrentHashMap<>();
    private final Set<SharedTrackerEndpoint> openEndpoints = ConcurrentHashMap.newKeySet();
    private final PacketQueue dhtQueue;
    private volatile DhtHandler dhtHandler;
    private volatile UtpHandler utpHandler;
    private volatile boolean closed;
    private final LongAdder trackerReplies = new LongAdder();
    private final LongAdder dhtPackets = new LongAdder();
    private final LongAdder unmatched = new LongAdder();
    private final LongAdder garbage = new LongAdder();
    private final LongAdder queueFull = new LongAdder();

    UdpDemux(UdpSender sender, Limits limits) {
        this(sender, limits, Threads.SYSTEM);
    }

    UdpDemux(UdpSender sender, Limits limits, Threads threads) {
        this.sender = sender;
        this.limits = limits;
        this.threads = threads;
        this.dhtQueue = new PacketQueue(limits.dhtPackets(), limits.dhtBytes());
    }

    /**
     * Opens tracker endpoints on the shared port, for {@code TrackerTransport.withUdp(...)}. Each endpoint serves
     * one exchange and must be closed, which forgets its transaction ids.
     */
    public UdpEndpoint.Factory trackerEndpoints() {
        return () -> {
            if (closed) throw SharedTrackerEndpoint.closedError();
            var endpoint =
                    new SharedTrackerEndpoint(this, sender, new PacketQueue(limits.exchangePackets(), Long.MAX_VALUE));
            openEndpoints.add(endpoint);
            if (closed) endpoint.close(); // raced with close(): the endpoint then fails on first use
            return endpoint;
        };
    }

    /**
     * Sets the one DHT handler and starts delivering dictionaries to it, in arrival order, on a virtual thread.
     * A handler that throws loses only that packet.
     *
     * @throws IllegalStateException if a handler was set before
     */
    public synchronized void onDht(DhtHandler handler) {
        if (dhtHandler != null) throw new IllegalStateException("a DHT handler is already set");
        dhtHandler = handler;
        threads.startVirtual("udp-dht-dispatch", this::dispatchDht);
    }

    /**
     * Sets the uTP handler (null: none, and uTP packets are dropped as unmatched). A uTP packet starts with its
     * type (0..4) in the high nibble and version 1 in the low one, so it is told apart from a tracker reply
     * (first byte 0) and a dictionary ({@code 'd'}) by its first byte; anything shorter than its 20-byte header
     * is garbage.
     */
    public void onUtp(UtpHandler handler) {
        utpHandler = handler;
    }

    public Stats stats() {
        return new Stats(
                trackerReplies.sum(),
                dhtPackets.sum(),
                unmatched.sum(),
                garbage.sum(),
                queueFull.sum(),
                dhtQueue.size(),
                exchanges.size());
    }

    /** Routes one datagram; copies its bytes only when someone takes it. Called by the socket's receive thread. */
    void route(InetSocketAddress source, ByteBuffer datagram) {
        int length = datagram.remaining();
        int start = datagram.position();
        if (length > 0 && datagram.get(start) == 'd') {
            if (dhtHandler == null) {
                unmatched.increment();
            } else if (dhtQueue.offer(new Packet(source, copy(datagram)))) {
                dhtPackets.increment();
            } else {
                queueFull.increment();
            }
        } else if (length >= UTP_HEADER && isUtp(datagram.get(start))) {
            UtpHandler handler = utpHandler;
            if (handler == null) unmatched.increment();
            else handler.received(source, datagram);
        } else if (length >= TRACKER_HEADER
                && Integer.compareUnsigned(datagram.getInt(start), TRACKER_MAX_ACTION) <= 0) {
            SharedTrackerEndpoint endpoint = exchanges.get(new ExchangeKey(source, datagram.getInt(start + 4)));
            if (endpoint == null) {
                unmatched.increment();
            } else {
                // Counted before the hand-over: the woken exchange may finish before this thread goes on.
                trackerReplies.increment();
                if (!endpoint.deliver(new Packet(source, copy(datagram)))) {
                    trackerReplies.decrement();
                    queueFull.increment();
                }
            }
        } else {
            garbage.increment();
        }
    }

    private static boolean isUtp(byte first) {
        return (first & 0x0f) == 1 && (first & 0xff) >>> 4 <= 4;
    }

    private static byte[] copy(ByteBuffer datagram) {
        byte[] data = new byte[datagram.remaining()];
        datagram.get(datagram.position(), data);
        return data;
    }

    void register(ExchangeKey key, SharedTrackerEndpoint endpoint) {
        // Two exchanges drawing the same random id for the same tracker is a 2^-32 event; the later one wins and
        // the other simply retransmits.
        exchanges.put(key, endpoint);
    }

    void unregister(ExchangeKey key, SharedTrackerEndpoint endpoint) {
        exchanges.remove(key, endpoint);
    }

    void closed(SharedTrackerEndpoint endpoint) {
        openEndpoints.remove(endpoint);
    }

    private void dispatchDht() {
        while (true) {
            Packet p;
            try {
                p = dhtQueue.take();
            } catch (ClosedChannelException | InterruptedException e) {
                return;
            }
            try {
                dhtHandler.received(p.source(), p.data());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "DHT handler failed on a packet from " + p.source(), e);
            }
        }
    }

    /** Stops delivering: the DHT dispatcher ends and every open tracker endpoint fails its next receive. */
    void close() {
        closed = true;
        dhtQueue.close();
        for (SharedTrackerEndpoint endpoint : openEndpoints) {
            try {
                endpoint.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing a tracker endpoint", e);
            }
        }
    }
}
