package dev.torpeddo.engine.utp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.internal.Threads;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.net.UdpSocket;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Two stacks on real loopback UDP ports: a stream arrives whole and in order, both ways. */
class UtpLoopbackTest {

    @Test
    void carriesAStreamBothWaysOverLoopback() throws Exception {
        try (UdpSocket a = UdpSocket.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                UdpSocket b = UdpSocket.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            UtpStack sa = stack(a);
            UtpStack sb = stack(b);
            try {
                byte[] data = new byte[8 << 20];
                new Random(7).nextBytes(data);
                CompletableFuture<byte[]> served = CompletableFuture.supplyAsync(() -> {
                    try (Network.Connection c = sb.accept()) {
                        byte[] got = new byte[data.length];
                        new DataInputStream(c.in()).readFully(got);
                        c.out().write(got, 0, 1000);
                        c.out().flush();
                        return got;
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                try (Network.Connection c = sa.connect(b.localAddress(), Duration.ofSeconds(3))) {
                    assertThat(c.overUtp()).isTrue();
                    OutputStream out = c.out();
                    for (int i = 0; i < data.length; i += 65536) out.write(data, i, 65536);
                    out.flush();
                    byte[] echo = new byte[1000];
                    new DataInputStream(c.in()).readFully(echo);
                    assertThat(served.get()).isEqualTo(data);
                    assertThat(echo).isEqualTo(java.util.Arrays.copyOf(data, 1000));
                }
            } finally {
                sa.close();
                sb.close();
            }
        }
    }

    private static UtpStack stack(UdpSocket s) {
        UtpStack stack = new UtpStack(
                s, s::localAddress, UtpLimits.DEFAULT, Clock.SYSTEM, Threads.SYSTEM, new java.util.SplittableRandom());
        s.demux().onUtp(stack::received);
        return stack;
    }
}
