package dev.torpeddo.engine.utp;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.internal.Threads;
import dev.torpeddo.engine.internal.Wakeup;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.net.UdpSender;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Every uTP connection on one UDP port (the session's, shared with the DHT and UDP trackers): routes each
 * datagram to its connection by (address, connection id) on the receive thread that got it, answers SYNs,
 * dials, and runs one timer thread for all connections. Bounded: at most {@link UtpLimits#maxConnections()}
 * connections (further SYNs are answered with a RESET), an accept backlog, and received bytes per connection
 * and in total.
 */
public final class UtpStack implements Network.Listener {
    private static final System.Logger LOG = System.getLogger(UtpStack.class.getName());
    private static final long ACTIVE_TICK_NANOS = 10_000_000;
    private static final long IDLE_TICK_NANOS = 200_000_000;

    private record Key(InetSocketAddress remote, int recvId) {}

    /**
     * What became of the datagrams so far.
     *
     * @param connections open now
     * @param accepted SYNs answered
     * @param refused SYNs refused (limits, incoming off, backlog full)
     * @param unknown packets for no connection we know
     * @param malformed datagrams that did not parse
     */
    public record Stats(int connections, long accepted, long refused, long unknown, long malformed) {}

    private final UdpSender sender;
    private final UtpLimits limits;
    private final Clock clock;
    private final RandomGenerator random;
    private final Map<Key, UtpConnection> connections = new ConcurrentHashMap<>();
    private final BlockingQueue<Object> backlog = new LinkedBlockingQueue<>();
    private final Supplier<InetSocketAddress> localAddress;
    private final AtomicLong buffered = new AtomicLong();
    private final Wakeup wakeup;
    private final Thread timer;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder unknown = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private volatile boolean acceptIncoming = true;
    private volatile boolean closed;

    private final UtpConnection.Host host = new UtpConnection.Host() {
        @Override
        public void send(ByteBuffer packet, InetSocketAddress to) throws IOException {
            sender.send(packet, to);
        }

        @Override
        public void removed(UtpConnection c) {
            connections.remove(new Key(c.remote(), c.recvId()), c);
        }

        @Override
        public boolean reserve(int bytes) {
            if (buffered.addAndGet(bytes) <= limits.totalBuffered()) return true;
            buffered.addAndGet(-bytes);
            return false;
        }

        @Override
        public void release(int bytes) {
            buffered.addAndGet(-bytes);
        }
    };

    /** @param localAddress where the UDP port is bound now (it moves when the session's port changes) */
    public UtpStack(
            UdpSender sender,
            Supplier<InetSocketAddress> localAddress,
            UtpLimits limits,
            Clock clock,
            Threads threads,
            RandomGenerator random) {
        this.sender = sender;
        this.localAddress = localAddress;
        this.limits = limits;
        this.clock = clock;
        this.random = random;
        this.wakeup = clock.newWakeup();
        this.timer = threads.startVirtual("utp-timer", this::runTimer);
    }

    /** Whether SYNs are answered (the session's incoming uTP setting); refused with a RESET when not. */
    public void acceptIncoming(boolean on) {
        acceptIncoming = on;
    }

    /**
     * Opens a connection and waits until the peer answers, at most {@code timeout} (the SYN is sent three
     * times in that span at most).
     */
    public Network.Connection connect(InetSocketAddress to, Duration timeout) throws IOException {
        if (closed) throw new IOException("uTP stack closed");
        if (connections.size() >= limits.maxConnections()) throw new IOException("too many uTP connections");
        UtpConnection c;
        synchronized (this) {
            int id;
            do id = random.nextInt(1 << 16);
            while (connections.containsKey(new Key(to, id)) || connections.containsKey(new Key(to, (id + 1) & 0xffff)));
            c = UtpConnection.connect(host, clock, to, id, limits, timeout);
            connections.put(new Key(to, id), c);
        }
        wakeup.signal();
        try {
            c.awaitConnected();
        } catch (IOException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** The next connection a peer opened to us; fails once the stack is closed. */
    @Override
    public Network.Connection accept() throws IOException {
        while (true) {
            if (closed) throw new IOException("uTP stack closed");
            try {
                if (backlog.take() instanceof UtpConnection c) return c;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress.get();
    }

    /** Takes one datagram that looks like uTP; called on the UDP receive thread, copies what it keeps. */
    public void received(InetSocketAddress source, ByteBuffer datagram) {
        UtpPacket p;
        try {
            p = UtpPacket.parse(datagram);
        } catch (UtpFormatException e) {
            malformed.increment();
            return;
        }
        long now = clock.nanoTime() / 1000;
        if (p.type() == UtpPacket.Type.SYN) {
            synReceived(source, p, now);
            return;
        }
        UtpConnection c = connections.get(new Key(source, p.connectionId()));
        if (c == null) {
            unknown.increment();
            return;
        }
        c.received(p, now);
    }

    private void synReceived(InetSocketAddress source, UtpPacket syn, long now) {
        Key key = new Key(source, (syn.connectionId() + 1) & 0xffff);
        UtpConnection existing = connections.get(key);
        if (existing != null) {
            existing.received(syn, now); // a resent SYN: answered again
            return;
        }
        synchronized (this) {
            if (closed
                    || !acceptIncoming
                    || connections.size() >= limits.maxConnections()
                    || backlog.size() >= limits.acceptBacklog()
                    || connections.containsKey(new Key(source, syn.connectionId()))) {
                refused.increment();
                refuse(source, syn, now);
                return;
            }
            UtpConnection c = UtpConnection.accept(host, clock, source, syn, random.nextInt(1 << 16), limits);
            connections.put(key, c);
            backlog.add(c);
        }
        accepted.increment();
        wakeup.signal();
    }

    private void refuse(InetSocketAddress to, UtpPacket syn, long now) {
        UtpPacket reset = new UtpPacket(
                UtpPacket.Type.RESET,
                syn.connectionId(),
                (int) now,
                0,
                0,
                0,
                syn.seq(),
                UtpPacket.NO_BYTES,
                UtpPacket.NO_BYTES);
        try {
            sender.send(ByteBuffer.wrap(reset.encode()), to);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "uTP reset to {0}: {1}", to, e.getMessage());
        }
    }

    private void runTimer() {
        while (!closed) {
            long now = clock.nanoTime() / 1000;
            for (UtpConnection c : List.copyOf(connections.values())) {
                try {
                    c.tick(now);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "uTP timer failed for " + c.remote(), e);
                }
            }
            try {
                wakeup.await(connections.isEmpty() ? IDLE_TICK_NANOS : ACTIVE_TICK_NANOS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public Stats stats() {
        return new Stats(connections.size(), accepted.sum(), refused.sum(), unknown.sum(), malformed.sum());
    }

    /** Bytes received and not yet read, over every connection. */
    long buffered() {
        return buffered.get();
    }

    /** Wakes {@link #accept()} after close. */
    private static final Object CLOSED_MARK = new Object();

    /** Resets every connection and stops the timer; {@link #accept()} fails from now on. */
    @Override
    public void close() {
        closed = true;
        for (UtpConnection c : List.copyOf(connections.values())) c.abort();
        Object waiting;
        while ((waiting = backlog.poll()) != null) if (waiting instanceof UtpConnection c) c.abort();
        backlog.add(CLOSED_MARK);
        wakeup.signal();
        timer.interrupt();
    }
}
