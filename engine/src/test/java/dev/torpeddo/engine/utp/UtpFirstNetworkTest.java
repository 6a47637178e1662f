package dev.torpeddo.engine.utp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.internal.Threads;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.net.UdpPort;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Dialling: uTP first, TCP when the peer refuses uTP, and straight to TCP for that peer afterwards. */
class UtpFirstNetworkTest {
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 7000);

    @Test
    void aPeerThatRefusesUtpIsDialledOverTcpAndRememberedSo() throws Exception {
        AtomicReference<UtpStack> stack = new AtomicReference<>();
        AtomicInteger syns = new AtomicInteger();
        // The peer answers every SYN with a RESET, as a client with uTP switched off does.
        UtpStack s = new UtpStack(
                (packet, to) -> {
                    UtpPacket syn = UtpPacket.parse(packet.duplicate());
                    if (syn.type() != UtpPacket.Type.SYN) return;
                    syns.incrementAndGet();
                    byte[] reset = new UtpPacket(
                                    UtpPacket.Type.RESET,
                                    syn.connectionId(),
                                    0,
                                    0,
                                    0,
                                    1,
                                    syn.seq(),
                                    UtpPacket.NO_BYTES,
                                    UtpPacket.NO_BYTES)
                            .encode();
                    // After the dial has registered its connection id.
                    Thread.ofVirtual().start(() -> {
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                        stack.get().received(to, ByteBuffer.wrap(reset));
                    });
                },
                () -> PEER,
                UtpLimits.DEFAULT,
                Clock.SYSTEM,
                Threads.SYSTEM,
                new SplittableRandom(3));
        stack.set(s);
        AtomicInteger tcpDials = new AtomicInteger();
        Network tcp = new Network() {
            @Override
            public Connection connect(InetSocketAddress to, Duration timeout) {
                tcpDials.incrementAndGet();
                return new Connection() {
                    @Override
                    public InputStream in() {
                        return InputStream.nullInputStream();
                    }

                    @Override
                    public OutputStream out() {
                        return OutputStream.nullOutputStream();
                    }

                    @Override
                    public InetSocketAddress remote() {
                        return to;
                    }

                    @Override
                    public void setReadTimeout(Duration t) {}

                    @Override
                    public void close() {}
                };
            }

            @Override
            public Listener listen(InetSocketAddress at) {
                throw new UnsupportedOperationException();
            }

            @Override
            public UdpPort bindUdp(InetSocketAddress at) {
                throw new UnsupportedOperationException();
            }
        };
        try {
            UtpFirstNetwork network = new UtpFirstNetwork(tcp, s, () -> true);
            Network.Connection first = network.connect(PEER, Duration.ofSeconds(10));
            assertThat(first.overUtp()).isFalse();
            assertThat(syns.get()).isEqualTo(1);
            assertThat(network.knownToLackUtp(PEER)).isTrue();
            network.connect(PEER, Duration.ofSeconds(10));
            assertThat(syns.get()).as("no second uTP attempt").isEqualTo(1);
            assertThat(tcpDials.get()).isEqualTo(2);
        } finally {
            s.close();
        }
    }
}
