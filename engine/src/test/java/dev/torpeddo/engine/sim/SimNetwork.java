package dev.torpeddo.engine.sim;

import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.net.UdpPort;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Hosts and the paths between them, in memory. Each host has a {@link Link}; a byte from A to B, in a TCP
 * segment or a UDP datagram, waits for A's upload, travels A's and B's delays, then waits for B's download, so
 * a seeder's upload is shared by its peers and a leecher's download by its sources. Nothing here touches a
 * real socket: addresses are labels (in 127/8, so that even a leak could not leave the machine).
 */
public final class SimNetwork {
    /** When a lost TCP segment arrives after all: a typical minimum retransmission timeout. */
    private static final long RETRANSMIT_NANOS = 200_000_000L;
    /** Datagrams waiting at one UDP port; more are dropped, as a full socket buffer would. */
    private static final int UDP_QUEUE = 4096;

    private final Scheduler scheduler;
    private final long seed;
    private final Map<InetAddress, SimHost> hosts = new HashMap<>();
    private final Map<InetSocketAddress, Listening> listeners = new HashMap<>();
    private final Map<InetSocketAddress, Port> udpPorts = new HashMap<>();

    SimNetwork(Scheduler scheduler, long seed) {
        this.scheduler = scheduler;
        this.seed = seed;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    /** A new host at 127.0.{n / 250}.{n % 250 + 2}. */
    SimHost addHost(Link link) {
        scheduler.lock.lock();
        try {
            int n = hosts.size();
            InetAddress address = InetAddress.getByAddress(new byte[] {127, 0, (byte) (n / 250), (byte) (n % 250 + 2)});
            SimHost host = new SimHost(this, address, link);
            hosts.put(address, host);
            return host;
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        } finally {
            scheduler.lock.unlock();
        }
    }

    long bytesSent(SimHost host) {
        scheduler.lock.lock();
        try {
            return host.bytesSent;
        } finally {
            scheduler.lock.unlock();
        }
    }

    void setOnline(SimHost host, boolean online) {
        scheduler.lock.lock();
        try {
            host.online = online;
            scheduler.touch();
        } finally {
            scheduler.lock.unlock();
        }
    }

    /**
     * Bytes that left {@code from}'s upload at {@code departed} travel both hosts' delays (and a retransmission's, if
     * lost, and a random jitter), then wait for {@code to}'s download; {@code arrived} runs (under the lock) once
     * they are through. {@code notBefore} keeps a stream's bytes in order; the result is when they reach the
     * receiver's link, for the next call's {@code notBefore}. Lock held.
     */
    long travel(
            SimHost from,
            SimHost to,
            int bytes,
            long departed,
            RandomGenerator random,
            long notBefore,
            Runnable arrived) {
        from.bytesSent += bytes;
        Link a = from.link();
        long atLink = departed + a.latency().toNanos() + to.link().latency().toNanos();
        double loss = 1 - (1 - a.loss()) * (1 - to.link().loss());
        if (loss > 0 && random.nextDouble() < loss) atLink += RETRANSMIT_NANOS;
        long reached = Math.max(atLink + jitterNanos(from, to, random), notBefore);
        download(to, bytes, reached, arrived);
        return reached;
    }

    /**
     * Bytes reaching {@code to}'s link at {@code reached} wait for its download, first come first served, then
     * {@code arrived} runs. The download is queued when the bytes reach it, not when they are sent, so a slow
     * sender's bytes do not hold up a fast one's. Lock held.
     */
    private void download(SimHost to, int bytes, long reached, Runnable arrived) {
        scheduler.at(reached, () -> {
            long done = Math.max(reached, to.downloadFreeAt)
                    + bytes * 1_000_000_000L / to.link().downloadBytesPerSecond();
            to.downloadFreeAt = done;
            scheduler.at(done, arrived);
        });
    }

    /** A random extra delay up to both hosts' jitter; no draw without jitter, so every seed repeats as before. */
    private static long jitterNanos(SimHost from, SimHost to, RandomGenerator random) {
        long max = from.link().jitter().toNanos() + to.link().jitter().toNanos();
        return max == 0 ? 0 : random.nextLong(max + 1);
    }

    private RandomGenerator randomFor(InetSocketAddress a, InetSocketAddress b) {
        return new SplittableRandom(seed * 31 + Objects.hash(a, b));
    }

    SimConnection connect(SimHost from, InetSocketAddress to, Duration timeout) throws IOException {
        scheduler.lock.lock();
        try {
            scheduler.touch();
            SimHost dst = hosts.get(to.getAddress());
            long oneWay = from.link().latency().toNanos()
                    + (dst == null ? 0 : dst.link().latency().toNanos());
            if (dst == null || !dst.online || !from.online) {
                // No answer at all: the SYN is lost, and the dialler waits out its timeout.
                waitUntil(scheduler.now() + Math.max(1, timeout.toNanos()));
                throw new SocketTimeoutException("Connect timed out");
            }
            InetSocketAddress local = from.at(from.nextEphemeralPort());
            TcpPipe out = new TcpPipe(this, from, dst, randomFor(local, to));
            TcpPipe in = new TcpPipe(this, dst, from, randomFor(to, local));
            out.reverse = in;
            in.reverse = out;
            SimConnection client = new SimConnection(scheduler, in, out, local, to);
            SimConnection server = new SimConnection(scheduler, out, in, to, local);
            boolean[] accepted = new boolean[1];
            scheduler.at(scheduler.now() + oneWay, () -> {
                Listening l = listeners.get(to);
                if (l == null || !dst.online) return;
                accepted[0] = true;
                l.backlog.add(server);
                l.arrived.signalAll();
            });
            long answerAt = scheduler.now() + 2 * oneWay;
            if (2 * oneWay > timeout.toNanos()) {
                waitUntil(scheduler.now() + timeout.toNanos());
                throw new SocketTimeoutException("Connect timed out");
            }
            waitUntil(answerAt);
            if (!accepted[0]) throw new ConnectException("Connection refused");
            return client;
        } finally {
            scheduler.lock.unlock();
        }
    }

    /** {@link Scheduler#sleepUntil}, failing as an interrupted socket call does. */
    private void waitUntil(long deadline) throws IOException {
        try {
            scheduler.sleepUntil(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SocketException("Closed by interrupt");
        }
    }

    Network.Listener listen(SimHost host, int port) throws IOException {
        scheduler.lock.lock();
        try {
            scheduler.touch();
            InetSocketAddress at = host.at(port == 0 ? host.nextEphemeralPort() : port);
            if (listeners.containsKey(at)) throw new BindException("Address already in use: " + at);
            Listening l = new Listening(at);
            listeners.put(at, l);
            return l;
        } finally {
            scheduler.lock.unlock();
        }
    }

    UdpPort bindUdp(SimHost host, int port) throws IOException {
        scheduler.lock.lock();
        try {
            scheduler.touch();
            InetSocketAddress at = host.at(port == 0 ? host.nextEphemeralPort() : port);
            if (udpPorts.containsKey(at)) throw new BindException("Address already in use: " + at);
            Port p = new Port(host, at);
            udpPorts.put(at, p);
            return p;
        } finally {
            scheduler.lock.unlock();
        }
    }

    /** A listening TCP port. */
    private final class Listening implements Network.Listener {
        private final InetSocketAddress at;
        private final ArrayDeque<SimConnection> backlog = new ArrayDeque<>();
        private final Scheduler.Signal arrived = scheduler.newSignal();
        private boolean closed;

        Listening(InetSocketAddress at) {
            this.at = at;
        }

        @Override
        public Network.Connection accept() throws IOException {
            scheduler.lock.lock();
            try {
                scheduler.touch();
                while (backlog.isEmpty()) {
                    if (closed) throw new SocketException("Socket closed");
                    try {
                        arrived.await(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        closeLocked();
                        throw new SocketException("Closed by interrupt");
                    }
                }
                return backlog.poll();
            } finally {
                scheduler.lock.unlock();
            }
        }

        @Override
        public InetSocketAddress localAddress() {
            return at;
        }

        @Override
        public void close() {
            scheduler.lock.lock();
            try {
                closeLocked();
            } finally {
                scheduler.lock.unlock();
            }
        }

        private void closeLocked() {
            if (closed) return;
            closed = true;
            listeners.remove(at, this);
            // Connections that arrived but were never accepted are reset, as the kernel does.
            for (SimConnection c : backlog) c.close();
            backlog.clear();
            arrived.signalAll();
            scheduler.touch();
        }
    }

    /** A bound UDP port. */
    private final class Port implements UdpPort {
        private final SimHost host;
        private final InetSocketAddress at;
        private final RandomGenerator random;
        private final Uplink.Flow flow = Uplink.Flow.datagrams();
        private final ArrayDeque<Datagram> inbox = new ArrayDeque<>();
        private final Scheduler.Signal arrived = scheduler.newSignal();
        private boolean closed;

        private record Datagram(InetSocketAddress from, byte[] data) {}

        Port(SimHost host, InetSocketAddress at) {
            this.host = host;
            this.at = at;
            this.random = randomFor(at, at);
        }

        @Override
        public InetSocketAddress localAddress() {
            return at;
        }

        @Override
        public void send(ByteBuffer packet, InetSocketAddress target) throws IOException {
            byte[] data = new byte[packet.remaining()];
            packet.get(data);
            scheduler.lock.lock();
            try {
                scheduler.touch();
                if (closed) throw new ClosedChannelException();
                SimHost dst = hosts.get(target.getAddress());
                if (dst == null || !dst.online || !host.online) return;
                double loss = 1 - (1 - host.link().loss()) * (1 - dst.link().loss());
                if (loss > 0 && random.nextDouble() < loss) return;
                long jitter = jitterNanos(host, dst, random);
                // Through the sender's upload and the receiver's download like TCP's bytes, so datagrams take
                // the links' rates and queue behind other traffic.
                host.uplink.send(flow, new Uplink.Segment(data.length, departed -> {
                    if (!host.online || !dst.online) return;
                    long reached = departed
                            + host.link().latency().toNanos()
                            + dst.link().latency().toNanos()
                            + jitter;
                    download(dst, data.length, reached, () -> {
                        Port p = udpPorts.get(target);
                        if (p == null || !dst.online || p.inbox.size() >= UDP_QUEUE) return;
                        p.inbox.add(new Datagram(at, data));
                        p.arrived.signalAll();
                    });
                }));
            } finally {
                scheduler.lock.unlock();
            }
        }

        @Override
        public InetSocketAddress receive(ByteBuffer into) throws IOException {
            scheduler.lock.lock();
            try {
                scheduler.touch();
                while (inbox.isEmpty()) {
                    if (closed) throw new ClosedChannelException();
                    try {
                        arrived.await(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        closeLocked();
                        throw new ClosedChannelException();
                    }
                }
                Datagram d = inbox.poll();
                into.put(d.data(), 0, Math.min(d.data().length, into.remaining()));
                return d.from();
            } finally {
                scheduler.lock.unlock();
            }
        }

        @Override
        public void close() {
            scheduler.lock.lock();
            try {
                closeLocked();
            } finally {
                scheduler.lock.unlock();
            }
        }

        private void closeLocked() {
            closed = true;
            udpPorts.remove(at, this);
            arrived.signalAll();
            scheduler.touch();
        }
    }
}
