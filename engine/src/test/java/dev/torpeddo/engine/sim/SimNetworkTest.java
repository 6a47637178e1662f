package dev.torpeddo.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.net.UdpPort;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The simulated network behaves like a network: delays, shared rates, full windows, timeouts, refusals. */
class SimNetworkTest {

    @Test
    void bytesArriveAfterTheirDelayAndAtTheSlowerSidesRate() throws Exception {
        try (Simulation sim = new Simulation(1)) {
            SimHost a = sim.addHost(Link.of(1 << 20, Duration.ofMillis(20)));
            SimHost b = sim.addHost(Link.of(4 << 20, Duration.ofMillis(30)));
            Network.Listener listener = b.network().listen(b.at(7000));
            AtomicReference<Network.Connection> served = new AtomicReference<>();
            sim.startThread("test", () -> {
                try {
                    served.set(listener.accept());
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            Network.Connection c = sim.call(
                    "connected", Duration.ofSeconds(5), () -> a.network().connect(b.at(7000), Duration.ofSeconds(5)));
            // The handshake takes a round trip: 2 x (20 + 30) ms.
            assertThat(sim.elapsed()).isBetween(Duration.ofMillis(100), Duration.ofMillis(110));

            Duration start = sim.elapsed();
            byte[] payload = new byte[2 << 20];
            sim.startThread("test", () -> {
                try {
                    c.out().write(payload);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            long got = sim.call("all read", Duration.ofSeconds(10), () -> {
                InputStream in = served.get().in();
                byte[] buf = new byte[65536];
                long total = 0;
                while (total < payload.length) total += in.read(buf);
                return total;
            });
            assertThat(got).isEqualTo(payload.length);
            // 2 MiB through a 1 MiB/s upload: two seconds, plus the path's 50 ms.
            assertThat(sim.elapsed().minus(start)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(2100));
        }
    }

    @Test
    void aWriterWaitsWhileTheReaderDoesNotReadAndAReadTimesOutInVirtualTime() throws Exception {
        try (Simulation sim = new Simulation(2)) {
            SimHost a = sim.addHost(Link.FAST);
            SimHost b = sim.addHost(Link.FAST);
            Network.Listener listener = b.network().listen(b.at(7000));
            Network.Connection c = sim.call(
                    "connected", Duration.ofSeconds(1), () -> a.network().connect(b.at(7000), Duration.ofSeconds(1)));
            Network.Connection s = sim.call("accepted", Duration.ofSeconds(1), listener::accept);
            long[] written = new long[1];
            Thread writer = sim.startThread("test", () -> {
                byte[] chunk = new byte[16384];
                try {
                    while (true) {
                        c.out().write(chunk);
                        synchronized (written) {
                            written[0] += chunk.length;
                        }
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            sim.runFor(Duration.ofSeconds(10));
            synchronized (written) {
                assertThat(written[0])
                        .as("bytes written to a peer that never reads")
                        .isLessThanOrEqualTo(TcpPipe.WINDOW);
            }
            s.setReadTimeout(Duration.ofSeconds(3));
            c.close();
            writer.join();
            // What was sent before the close is still readable, then the end of the stream.
            long drained = sim.call("drained", Duration.ofSeconds(5), () -> {
                long n = 0;
                byte[] buf = new byte[65536];
                for (int r; (r = s.in().read(buf)) > 0; ) n += r;
                return n;
            });
            assertThat(drained).isPositive();

            Network.Connection idle = sim.call(
                    "connected", Duration.ofSeconds(1), () -> a.network().connect(b.at(7000), Duration.ofSeconds(1)));
            idle.setReadTimeout(Duration.ofSeconds(3));
            Duration before = sim.elapsed();
            assertThatThrownBy(() -> sim.call(
                            "timed out", Duration.ofSeconds(10), () -> idle.in().read()))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(sim.elapsed().minus(before)).isBetween(Duration.ofSeconds(3), Duration.ofMillis(3100));
        }
    }

    @Test
    void aClosedPortRefusesAndAnUnpluggedHostTimesOut() throws Exception {
        try (Simulation sim = new Simulation(3)) {
            SimHost a = sim.addHost(Link.FAST);
            SimHost b = sim.addHost(Link.FAST);
            assertThatThrownBy(() -> sim.call(
                            "refused",
                            Duration.ofSeconds(1),
                            () -> a.network().connect(b.at(7000), Duration.ofSeconds(5))))
                    .isInstanceOf(ConnectException.class);
            b.network().listen(b.at(7000));
            b.unplug();
            Duration before = sim.elapsed();
            assertThatThrownBy(() -> sim.call(
                            "timed out",
                            Duration.ofSeconds(10),
                            () -> a.network().connect(b.at(7000), Duration.ofSeconds(5))))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(sim.elapsed().minus(before)).isBetween(Duration.ofSeconds(5), Duration.ofMillis(5100));
        }
    }

    @Test
    void datagramsArriveAfterTheDelayAndALossyLinkDropsAboutItsShare() throws Exception {
        try (Simulation sim = new Simulation(4)) {
            SimHost a = sim.addHost(Link.of(1 << 20, Duration.ofMillis(10)));
            SimHost b = sim.addHost(Link.of(1 << 20, Duration.ofMillis(10)).withLoss(0.3));
            UdpPort from = a.network().bindUdp(a.at(0));
            UdpPort to = b.network().bindUdp(b.at(9000));
            int[] received = new int[1];
            sim.startThread("test", () -> {
                ByteBuffer buf = ByteBuffer.allocate(100);
                try {
                    while (true) {
                        buf.clear();
                        InetSocketAddress source = to.receive(buf);
                        assertThat(source).isEqualTo(from.localAddress());
                        synchronized (received) {
                            received[0]++;
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            for (int i = 0; i < 1000; i++) from.send(ByteBuffer.wrap(new byte[] {(byte) i}), b.at(9000));
            sim.runFor(Duration.ofMillis(19));
            synchronized (received) {
                assertThat(received[0]).as("before the 20 ms path delay").isZero();
            }
            sim.runFor(Duration.ofMillis(10));
            synchronized (received) {
                assertThat(received[0]).isBetween(630, 770);
            }
            to.close();
        }
    }

    @Test
    void aUdpFloodGetsNoMoreThanTheUploadRate() throws Exception {
        try (Simulation sim = new Simulation(5)) {
            long rate = 1 << 20;
            SimHost a = sim.addHost(Link.of(rate, Duration.ofMillis(10)));
            SimHost b = sim.addHost(Link.FAST);
            UdpPort from = a.network().bindUdp(a.at(0));
            UdpPort to = b.network().bindUdp(b.at(9000));
            long[] received = new long[1];
            sim.startThread("receiver", () -> {
                ByteBuffer buf = ByteBuffer.allocate(2000);
                try {
                    while (true) {
                        buf.clear();
                        to.receive(buf);
                        synchronized (received) {
                            received[0] += buf.position();
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            long[] offered = new long[1];
            sim.startThread("flood", () -> {
                try {
                    while (true) {
                        // 5 MB/s offered: 50 datagrams of 1,000 bytes every 10 ms
                        for (int i = 0; i < 50; i++) from.send(ByteBuffer.allocate(1000), b.at(9000));
                        synchronized (offered) {
                            offered[0] += 50_000;
                        }
                        sim.clock().sleepMillis(10);
                    }
                } catch (IOException | InterruptedException e) {
                    // closed
                }
            });
            sim.runFor(Duration.ofSeconds(5));
            synchronized (offered) {
                assertThat(offered[0]).isGreaterThan(4 * 5 * rate);
            }
            synchronized (received) {
                // five seconds at the upload rate, less the 15 ms path
                assertThat(received[0]).isBetween((long) (0.97 * 5 * rate), 5 * rate);
            }
            from.close();
            to.close();
        }
    }

    @Test
    void aBulkTransferDelaysOthersDatagramsByTheDropTailQueueOverTheRateButHardlyUnderRoundRobin() throws Exception {
        long rate = 1 << 20;
        int queue = 64 << 10;
        Duration queueTime = Duration.ofNanos(queue * 1_000_000_000L / rate); // 62.5 ms
        Link roundRobin = Link.of(rate, Duration.ofMillis(10));

        ProbedTransfer fifo = probeABulkTransfer(7, roundRobin.withDropTail(queue));
        // TCP keeps the queue nearly full; after each drop it pauses a round trip, and the queue drains a little
        assertThat(fifo.addedDelay())
                .isBetween(
                        queueTime.multipliedBy(6).dividedBy(10),
                        queueTime.multipliedBy(105).dividedBy(100));
        assertThat(fifo.probesLost()).as("probes that found the queue full").isPositive();

        ProbedTransfer fair = probeABulkTransfer(7, roundRobin);
        assertThat(fair.addedDelay()).isLessThan(Duration.ofMillis(10));
        assertThat(fair.probesLost()).isZero();
    }

    /** How much a probe's median delay grew while a bulk transfer ran, and how many of its datagrams were lost. */
    private record ProbedTransfer(Duration addedDelay, int probesLost) {}

    /**
     * Probes from host A to another host every 50 ms, first idle, then while A uploads a bulk TCP transfer to a
     * third host; A's link is {@code link}. Asserts the transfer itself ran at the link's rate.
     */
    private static ProbedTransfer probeABulkTransfer(long seed, Link link) throws Exception {
        try (Simulation sim = new Simulation(seed, Duration.ofMillis(1))) {
            SimHost a = sim.addHost(link);
            SimHost sink = sim.addHost(Link.FAST);
            SimHost other = sim.addHost(Link.FAST);
            DelayProbe probe = DelayProbe.start(sim, a, other, 9000, Duration.ofMillis(50), 100);
            sim.runFor(Duration.ofSeconds(2));
            Duration idle = probe.medianDelay(Duration.ZERO);
            assertThat(idle)
                    .as("A's and the other host's latency")
                    .isBetween(Duration.ofMillis(15), Duration.ofMillis(17));
            assertThat(probe.lost(Duration.ZERO, sim.elapsed().minusMillis(20))).isZero();

            BulkTcpFlow tcp = BulkTcpFlow.start(sim, a, sink, 7000, Duration.ofMillis(500));
            Duration warm = sim.elapsed().plusSeconds(1);
            sim.runFor(Duration.ofSeconds(6));
            Duration end = sim.elapsed();
            Duration loaded = probe.medianDelay(warm);
            assertThat(tcp.rate(warm, end)).isGreaterThan(0.9 * link.uploadBytesPerSecond());
            tcp.stop();
            sim.runFor(Duration.ofSeconds(1)); // the last probes arrive
            probe.close();
            return new ProbedTransfer(loaded.minus(idle), probe.lost(warm, end));
        }
    }

    @Test
    void jitterReordersDatagramsButATcpStreamStaysInOrder() throws Exception {
        try (Simulation sim = new Simulation(8, Duration.ofMillis(1))) {
            SimHost a = sim.addHost(Link.of(10 << 20, Duration.ofMillis(10)).withJitter(Duration.ofMillis(20)));
            SimHost b = sim.addHost(Link.FAST);
            UdpPort from = a.network().bindUdp(a.at(0));
            UdpPort to = b.network().bindUdp(b.at(9000));
            java.util.List<Integer> order = new java.util.ArrayList<>();
            sim.startThread("receiver", () -> {
                ByteBuffer buf = ByteBuffer.allocate(100);
                try {
                    while (true) {
                        buf.clear();
                        to.receive(buf);
                        synchronized (order) {
                            order.add(buf.getInt(0));
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            sim.startThread("sender", () -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        from.send(ByteBuffer.allocate(100).putInt(0, i), b.at(9000));
                        sim.clock().sleepMillis(1);
                    }
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            sim.runFor(Duration.ofSeconds(1));
            synchronized (order) {
                assertThat(order)
                        .as("every datagram, none twice")
                        .containsExactlyInAnyOrderElementsOf(
                                java.util.stream.IntStream.range(0, 200).boxed().toList());
                int overtaken = 0;
                for (int i = 1; i < order.size(); i++) if (order.get(i) < order.get(i - 1)) overtaken++;
                // 20 ms of jitter against 1 ms between datagrams: most neighbours swap, about every other one
                assertThat(overtaken).isGreaterThan(50);
            }

            Network.Listener listener = b.network().listen(b.at(7000));
            Network.Connection c = sim.call(
                    "connected", Duration.ofSeconds(5), () -> a.network().connect(b.at(7000), Duration.ofSeconds(5)));
            Network.Connection s = sim.call("accepted", Duration.ofSeconds(5), listener::accept);
            byte[] sent = new byte[1 << 20];
            for (int i = 0; i < sent.length; i++) sent[i] = (byte) (i % 251);
            sim.startThread("writer", () -> {
                try {
                    c.out().write(sent);
                    c.close();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            byte[] got = sim.call("read", Duration.ofSeconds(10), () -> s.in().readAllBytes());
            assertThat(got).isEqualTo(sent);
            from.close();
            to.close();
        }
    }

    @Test
    void aSeedRepeatsWhichDatagramsAreLostAndHowLateEachArrives() throws Exception {
        assertThat(jitteredLossyProbe(9)).isEqualTo(jitteredLossyProbe(9)).isNotEqualTo(jitteredLossyProbe(10));
    }

    private static java.util.List<DelayProbe.Echo> jitteredLossyProbe(long seed) throws Exception {
        try (Simulation sim = new Simulation(seed, Duration.ofMillis(1))) {
            SimHost a = sim.addHost(Link.of(1 << 20, Duration.ofMillis(10))
                    .withJitter(Duration.ofMillis(20))
                    .withLoss(0.2));
            SimHost b = sim.addHost(Link.FAST);
            DelayProbe probe = DelayProbe.start(sim, a, b, 9000, Duration.ofMillis(10), 100);
            sim.runFor(Duration.ofSeconds(2));
            probe.close();
            return probe.echoes();
        }
    }
}
