package dev.torpeddo.engine.utp;

import dev.torpeddo.engine.internal.ManualClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Two uTP connections joined by a link in virtual time, driven from the test's one thread: each step moves the
 * manual clock by a millisecond, delivers the datagrams due, and runs both connections' timers every 10 ms.
 * The link delays each datagram, and may lose or reorder (extra random delay) it.
 */
final class VirtualLink {
    private static final java.net.InetAddress LOOPBACK = java.net.InetAddress.getLoopbackAddress();
    static final InetSocketAddress A = new InetSocketAddress(LOOPBACK, 1000);
    static final InetSocketAddress B = new InetSocketAddress(LOOPBACK, 2000);

    private record InFlight(long due, InetSocketAddress to, byte[] bytes) {}

    final ManualClock clock = new ManualClock();
    private final Random random;
    private final List<InFlight> wire = new ArrayList<>();
    private final long delayMicros;
    private final double loss;
    private final long jitterMicros;
    volatile Predicate<UtpPacket> dropToA = p -> false;
    volatile Predicate<UtpPacket> dropToB = p -> false;
    final UtpLimits limits;
    UtpConnection a;
    UtpConnection b;
    long sent;
    long lost;
    long buffered;

    VirtualLink(long seed, Duration delay, double loss, Duration jitter, UtpLimits limits) {
        this.random = new Random(seed);
        this.delayMicros = delay.toNanos() / 1000;
        this.loss = loss;
        this.jitterMicros = jitter.toNanos() / 1000;
        this.limits = limits;
    }

    private UtpConnection.Host host() {
        return new UtpConnection.Host() {
            @Override
            public void send(ByteBuffer packet, InetSocketAddress to) {
                byte[] bytes = new byte[packet.remaining()];
                packet.get(bytes);
                sent++;
                if (random.nextDouble() < loss) {
                    lost++;
                    return;
                }
                long jitter = jitterMicros == 0 ? 0 : (long) (random.nextDouble() * jitterMicros);
                wire.add(new InFlight(now() + delayMicros + jitter, to, bytes));
            }

            @Override
            public void removed(UtpConnection c) {}

            @Override
            public boolean reserve(int bytes) {
                buffered += bytes;
                return true;
            }

            @Override
            public void release(int bytes) {
                buffered -= bytes;
            }
        };
    }

    /** A connects to B; B answers the SYN when it arrives. */
    void connect() throws IOException {
        a = UtpConnection.connect(host(), clock, B, 100, limits, Duration.ofSeconds(10));
    }

    long now() {
        return clock.nanoTime() / 1000;
    }

    /** One millisecond of virtual time. */
    void step() {
        clock.advance(Duration.ofMillis(1));
        long now = now();
        List<InFlight> due = new ArrayList<>();
        wire.removeIf(f -> {
            if (f.due() > now) return false;
            due.add(f);
            return true;
        });
        due.sort((x, y) -> Long.compare(x.due(), y.due()));
        for (InFlight f : due) {
            UtpPacket p;
            try {
                p = UtpPacket.parse(ByteBuffer.wrap(f.bytes()));
            } catch (UtpFormatException e) {
                throw new AssertionError(e);
            }
            if (f.to().equals(B)) {
                if (dropToB.test(p)) continue;
                if (b == null && p.type() == UtpPacket.Type.SYN)
                    b = UtpConnection.accept(host(), clock, A, p, 40_000, limits);
                else if (b != null) b.received(p, now);
            } else {
                if (dropToA.test(p)) continue;
                a.received(p, now);
            }
        }
        if (now / 1000 % 10 == 0) {
            a.tick(now);
            if (b != null) b.tick(now);
        }
    }
}
