package dev.torpeddo.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.Wakeup;
import dev.torpeddo.engine.net.UdpPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The simulator can show what LEDBAT is for: on a shared drop-tail bottleneck, a sender that backs off when
 * the queueing delay grows leaves the link to a TCP flow, and one that does not takes its share. The sender
 * here is a toy of the test's own (see {@link ToyDelayBasedSender}), not the engine's uTP: this checks the
 * bottleneck model, so that the real uTP test can use it.
 */
class BottleneckSimulationTest {
    private static final long RATE = 1 << 20;
    /** About 190 ms of queue at the rate: more than the toy's 100 ms target, as home routers' buffers are. */
    private static final int QUEUE = 192 << 10;

    @Test
    void aDelayBasedSenderUsesAnIdleLinkAndGivesWayToATcpFlow() throws Exception {
        Shares s = shareTheBottleneck(11, true);
        assertThat(s.toyAlone()).as("the toy alone").isGreaterThan(0.8 * RATE);
        assertThat(s.tcp()).as("TCP beside the toy").isGreaterThan(0.9 * RATE);
        assertThat(s.toy()).as("the toy beside TCP").isLessThan(0.05 * RATE);
    }

    @Test
    void aSenderThatIgnoresTheDelayKeepsItsShare() throws Exception {
        Shares s = shareTheBottleneck(11, false);
        assertThat(s.toyAlone()).as("the toy alone").isGreaterThan(0.8 * RATE);
        assertThat(s.tcp()).as("TCP beside the toy").isLessThan(0.7 * RATE);
        assertThat(s.toy()).as("the toy beside TCP").isGreaterThan(0.25 * RATE);
    }

    /** Bytes per second: the toy's alone (from 3 to 6 s, past its start), then each flow's while both run. */
    private record Shares(double toyAlone, double toy, double tcp) {}

    /**
     * Host A uploads through a 1 MiB/s link with a drop-tail queue: a toy UDP transfer to one host from the start,
     * and from 6 s on a bulk TCP flow to another; the shares are measured over ten seconds from 9 s.
     */
    private static Shares shareTheBottleneck(long seed, boolean yields) throws Exception {
        try (Simulation sim = new Simulation(seed, Duration.ofMillis(2))) {
            SimHost a = sim.addHost(Link.of(RATE, Duration.ofMillis(10)).withDropTail(QUEUE));
            SimHost toyPeer = sim.addHost(Link.FAST);
            SimHost tcpPeer = sim.addHost(Link.FAST);
            ToyDelayBasedSender toy = ToyDelayBasedSender.start(sim, a, toyPeer, yields);
            sim.runFor(Duration.ofSeconds(3));
            long atThree = toy.delivered();
            sim.runFor(Duration.ofSeconds(3));
            double alone = (toy.delivered() - atThree) / 3.0;

            BulkTcpFlow tcp = BulkTcpFlow.start(sim, a, tcpPeer, 7000, Duration.ofMillis(500));
            sim.runFor(Duration.ofSeconds(3));
            long toyBefore = toy.delivered();
            Duration from = sim.elapsed();
            sim.runFor(Duration.ofSeconds(10));
            double toyRate = (toy.delivered() - toyBefore) / 10.0;
            double tcpRate = tcp.rate(from, sim.elapsed());
            tcp.stop();
            toy.stop();
            return new Shares(alone, toyRate, tcpRate);
        }
    }

    /**
     * A TOY delay-based congestion controller, written for this test only, in the spirit of LEDBAT (RFC 6817): it
     * keeps a window of unacknowledged datagrams, learns the path's base one-way delay as the least it has seen,
     * and grows the window while the extra (queueing) delay is under a 100 ms target, shrinks it above, and
     * halves it on a loss. It does not retransmit (it counts what arrives) and has none of uTP's other parts. With
     * {@code yields} false its window stays at a TCP connection's, for contrast.
     */
    static final class ToyDelayBasedSender {
        private static final int MSS = 1200;
        private static final long TARGET_NANOS = 100_000_000L;
        private static final long LOSS_TIMEOUT_NANOS = 500_000_000L;
        private static final double MAX_WINDOW = TcpPipe.WINDOW;

        private final Simulation sim;
        private final UdpPort out;
        private final UdpPort in;
        private final InetSocketAddress target;
        private final boolean yields;
        private final Wakeup wakeup;
        private final AtomicLong delivered = new AtomicLong();
        private volatile boolean stopped;
        // guarded by this
        private final Map<Integer, Long> unacked = new LinkedHashMap<>();
        private double window;
        private long baseDelay = Long.MAX_VALUE;
        private long lastHalved;
        private int nextSeq;

        private ToyDelayBasedSender(Simulation sim, UdpPort out, UdpPort in, boolean yields) {
            this.sim = sim;
            this.out = out;
            this.in = in;
            this.target = in.localAddress();
            this.yields = yields;
            this.window = yields ? 2 * MSS : MAX_WINDOW;
            this.wakeup = sim.clock().newWakeup();
        }

        static ToyDelayBasedSender start(Simulation sim, SimHost from, SimHost to, boolean yields) throws IOException {
            ToyDelayBasedSender t = new ToyDelayBasedSender(
                    sim, from.network().bindUdp(from.at(0)), to.network().bindUdp(to.at(9100)), yields);
            sim.startThread("toy-sender", t::send);
            sim.startThread("toy-acks", t::takeAcks);
            sim.startThread("toy-receiver", t::receive);
            return t;
        }

        long delivered() {
            return delivered.get();
        }

        private void send() {
            try {
                while (!stopped) {
                    long now = sim.clock().nanoTime();
                    int first;
                    int count = 0;
                    synchronized (this) {
                        expireLost(now);
                        first = nextSeq;
                        while (unacked.size() * (double) MSS + MSS <= window) {
                            unacked.put(nextSeq++, now);
                            count++;
                        }
                    }
                    for (int i = 0; i < count; i++) {
                        ByteBuffer b = ByteBuffer.allocate(MSS);
                        b.putInt(0, first + i).putLong(4, now);
                        out.send(b, target);
                    }
                    wakeup.await(5_000_000L);
                }
            } catch (IOException e) {
                // stopped
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Datagrams unacknowledged for too long were lost: they leave the window, which halves (once a while). */
        private void expireLost(long now) {
            boolean lost = false;
            for (Iterator<Long> it = unacked.values().iterator(); it.hasNext(); ) {
                if (now - it.next() < LOSS_TIMEOUT_NANOS) break;
                it.remove();
                lost = true;
            }
            if (lost && yields && now - lastHalved > TARGET_NANOS) {
                window = Math.max(MSS, window / 2);
                lastHalved = now;
            }
        }

        /** The far end: counts what arrives and acknowledges each datagram with its one-way delay. */
        private void receive() {
            ByteBuffer b = ByteBuffer.allocate(2 * MSS);
            try {
                while (true) {
                    b.clear();
                    InetSocketAddress from = in.receive(b);
                    delivered.addAndGet(b.position());
                    long delay = sim.clock().nanoTime() - b.getLong(4);
                    in.send(ByteBuffer.allocate(12).putInt(0, b.getInt(0)).putLong(4, delay), from);
                }
            } catch (IOException e) {
                // stopped
            }
        }

        private void takeAcks() {
            ByteBuffer b = ByteBuffer.allocate(64);
            try {
                while (true) {
                    b.clear();
                    out.receive(b);
                    synchronized (this) {
                        if (unacked.remove(b.getInt(0)) == null) continue; // declared lost already
                        long delay = b.getLong(4);
                        baseDelay = Math.min(baseDelay, delay);
                        if (yields) {
                            double offTarget = (TARGET_NANOS - (delay - baseDelay)) / (double) TARGET_NANOS;
                            window = Math.clamp(window + offTarget * MSS * MSS / window, MSS, MAX_WINDOW);
                        }
                    }
                    wakeup.signal();
                }
            } catch (IOException e) {
                // stopped
            }
        }

        void stop() throws IOException {
            stopped = true;
            out.close();
            in.close();
        }
    }
}
