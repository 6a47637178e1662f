package dev.torpeddo.engine.utp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.ManualClock;
import dev.torpeddo.engine.internal.Threads;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The stack's routing and bounds: a flood of SYNs costs no more than its limits. */
class UtpStackTest {
    private static final java.net.InetAddress LOOPBACK = java.net.InetAddress.getLoopbackAddress();

    private record Sent(InetSocketAddress to, UtpPacket packet) {}

    private final List<Sent> sent = new ArrayList<>();
    private final ManualClock clock = new ManualClock();

    private UtpStack stack(UtpLimits limits) {
        return new UtpStack(
                (packet, to) -> {
                    synchronized (sent) {
                        sent.add(new Sent(to, UtpPacket.parse(packet.duplicate())));
                    }
                },
                () -> new InetSocketAddress(LOOPBACK, 6881),
                limits,
                clock,
                Threads.SYSTEM,
                new SplittableRandom(1));
    }

    private static ByteBuffer syn(int id) {
        return ByteBuffer.wrap(
                new UtpPacket(UtpPacket.Type.SYN, id, 0, 0, 1 << 20, 1, 0, UtpPacket.NO_BYTES, UtpPacket.NO_BYTES)
                        .encode());
    }

    @Test
    void aFloodOfSynsIsAnsweredUpToTheLimitsAndRefusedBeyond() {
        UtpStack s = stack(new UtpLimits(5, 3, 64 << 10, 64 << 10, 1 << 20));
        try {
            for (int i = 0; i < 50; i++) s.received(new InetSocketAddress(LOOPBACK, 10_000 + i), syn(i * 2));
            // The backlog (3) fills before the connection limit (5): nobody accepts in this test.
            assertThat(s.stats().accepted()).isEqualTo(3);
            assertThat(s.stats().refused()).isEqualTo(47);
            assertThat(s.stats().connections()).isEqualTo(3);
            synchronized (sent) {
                assertThat(sent.stream().filter(p -> p.packet().type() == UtpPacket.Type.STATE))
                        .hasSize(3);
                assertThat(sent.stream().filter(p -> p.packet().type() == UtpPacket.Type.RESET))
                        .hasSize(47);
            }
        } finally {
            s.close();
        }
    }

    @Test
    void aResentSynIsAnsweredAgainWithoutASecondConnection() {
        UtpStack s = stack(UtpLimits.DEFAULT);
        try {
            InetSocketAddress peer = new InetSocketAddress(LOOPBACK, 4000);
            s.received(peer, syn(77));
            s.received(peer, syn(77));
            assertThat(s.stats().accepted()).isEqualTo(1);
            assertThat(s.stats().connections()).isEqualTo(1);
            synchronized (sent) {
                assertThat(sent)
                        .hasSize(2)
                        .allMatch(p -> p.packet().type() == UtpPacket.Type.STATE
                                && p.packet().connectionId() == 77
                                && p.packet().ack() == 1);
            }
        } finally {
            s.close();
        }
    }

    @Test
    void incomingOffRefusesEverySyn() {
        UtpStack s = stack(UtpLimits.DEFAULT);
        try {
            s.acceptIncoming(false);
            s.received(new InetSocketAddress(LOOPBACK, 4000), syn(5));
            assertThat(s.stats().accepted()).isZero();
            assertThat(s.stats().refused()).isEqualTo(1);
        } finally {
            s.close();
        }
    }

    @Test
    void garbageAndStrangersAreCountedAndDropped() {
        UtpStack s = stack(UtpLimits.DEFAULT);
        try {
            s.received(new InetSocketAddress(LOOPBACK, 4000), ByteBuffer.wrap(new byte[] {0x01, 0, 0}));
            s.received(
                    new InetSocketAddress(LOOPBACK, 4000),
                    ByteBuffer.wrap(
                            new UtpPacket(UtpPacket.Type.DATA, 9, 0, 0, 0, 1, 0, UtpPacket.NO_BYTES, new byte[] {1})
                                    .encode()));
            assertThat(s.stats().malformed()).isEqualTo(1);
            assertThat(s.stats().unknown()).isEqualTo(1);
            assertThat(sent).isEmpty();
        } finally {
            s.close();
        }
    }
}
