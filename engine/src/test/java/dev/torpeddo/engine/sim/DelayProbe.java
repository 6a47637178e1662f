package dev.torpeddo.engine.sim;

import dev.torpeddo.engine.net.UdpPort;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends a small UDP datagram from one host to another at a fixed interval and records each one's one-way
 * delay (hosts share the virtual clock, so it is exact up to the simulation's quantum): what a queue on the
 * path does to everyone's latency. Lost datagrams show as fewer echoes than sent.
 */
public final class DelayProbe implements AutoCloseable {
    /** A datagram that arrived: when it was sent (the simulation's elapsed time) and how long it took. */
    public record Echo(Duration sent, Duration delay) {}

    private final Simulation sim;
    private final UdpPort out;
    private final UdpPort in;
    private final List<Echo> echoes = new ArrayList<>(); // guarded by itself
    private volatile boolean closed;
    private final List<Duration> sent = new ArrayList<>(); // guarded by itself

    private DelayProbe(Simulation sim, UdpPort out, UdpPort in) {
        this.sim = sim;
        this.out = out;
        this.in = in;
    }

    /** Starts probing {@code to}'s UDP {@code port} from {@code from} every {@code every}, {@code bytes} a datagram. */
    public static DelayProbe start(Simulation sim, SimHost from, SimHost to, int port, Duration every, int bytes)
            throws IOException {
        DelayProbe probe = new DelayProbe(
                sim, from.network().bindUdp(from.at(0)), to.network().bindUdp(to.at(port)));
        sim.startThread("probe-sender", () -> probe.send(to, port, every, Math.max(bytes, Long.BYTES)));
        sim.startThread("probe-receiver", probe::receive);
        return probe;
    }

    private void send(SimHost to, int port, Duration every, int bytes) {
        try {
            while (!closed) {
                ByteBuffer b = ByteBuffer.allocate(bytes);
                long now = sim.clock().nanoTime();
                b.putLong(0, now);
                out.send(b, to.at(port));
                synchronized (sent) {
                    sent.add(Duration.ofNanos(now - Scheduler.START_NANOS));
                }
                sim.clock().sleepMillis(every.toMillis());
            }
        } catch (IOException e) {
            // closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void receive() {
        ByteBuffer b = ByteBuffer.allocate(65536);
        try {
            while (true) {
                b.clear();
                in.receive(b);
                long sentAt = b.getLong(0);
                long now = sim.clock().nanoTime();
                synchronized (echoes) {
                    echoes.add(
                            new Echo(Duration.ofNanos(sentAt - Scheduler.START_NANOS), Duration.ofNanos(now - sentAt)));
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    public int sent() {
        synchronized (sent) {
            return sent.size();
        }
    }

    /** How many of the datagrams sent between {@code from} (inclusive) and {@code to} never arrived. */
    public int lost(Duration from, Duration to) {
        long arrived = echoes().stream()
                .filter(e -> e.sent().compareTo(from) >= 0 && e.sent().compareTo(to) < 0)
                .count();
        synchronized (sent) {
            return (int) (sent.stream()
                            .filter(t -> t.compareTo(from) >= 0 && t.compareTo(to) < 0)
                            .count()
                    - arrived);
        }
    }

    public List<Echo> echoes() {
        synchronized (echoes) {
            return List.copyOf(echoes);
        }
    }

    /** The median one-way delay of the datagrams sent at or after {@code since} (elapsed time). */
    public Duration medianDelay(Duration since) {
        List<Duration> delays = echoes().stream()
                .filter(e -> e.sent().compareTo(since) >= 0)
                .map(Echo::delay)
                .sorted()
                .toList();
        if (delays.isEmpty()) throw new IllegalStateException("no probe arrived after " + since);
        return delays.get(delays.size() / 2);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        out.close();
        in.close();
    }
}
