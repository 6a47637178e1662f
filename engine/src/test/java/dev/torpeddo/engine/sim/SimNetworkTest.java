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
}
