package dev.torpeddo.engine.sim;

import dev.torpeddo.engine.net.Network;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One TCP connection that sends as fast as its window lets it, from one host to another, counting what the
 * receiver reads: the competing flow of a congestion-control experiment (does a uTP transfer on the same
 * bottleneck give way to it?). Its throughput over time is sampled in virtual time.
 *
 * <pre>{@code
 * BulkTcpFlow tcp = BulkTcpFlow.start(sim, seeder, other, 7100, Duration.ofSeconds(1));
 * sim.runFor(Duration.ofSeconds(20));
 * double share = tcp.rate(Duration.ofSeconds(5), sim.elapsed()) / seeder.link().uploadBytesPerSecond();
 * }</pre>
 */
public final class BulkTcpFlow {
    /** Bytes read so far, and when: one sample per interval, the first when the flow started. */
    public record Sample(Duration at, long bytes) {}

    private final Simulation sim;
    private final Duration every;
    private final AtomicLong received = new AtomicLong();
    private final List<Sample> samples = new ArrayList<>(); // guarded by itself
    private volatile boolean closed;
    private Network.Connection sender;
    private Network.Connection receiver;
    private Network.Listener listener;

    private BulkTcpFlow(Simulation sim, Duration every) {
        this.sim = sim;
        this.every = every;
    }

    /** Connects {@code from} to a listener on {@code to}'s {@code port} and starts sending and reading. */
    public static BulkTcpFlow start(Simulation sim, SimHost from, SimHost to, int port, Duration sampleEvery)
            throws Exception {
        BulkTcpFlow flow = new BulkTcpFlow(sim, sampleEvery);
        flow.listener = to.network().listen(to.at(port));
        flow.sender = sim.call(
                "bulk flow connected",
                Duration.ofSeconds(30),
                () -> from.network().connect(to.at(port), Duration.ofSeconds(10)));
        flow.receiver = sim.call("bulk flow accepted", Duration.ofSeconds(30), flow.listener::accept);
        flow.sample();
        sim.startThread("bulk-tcp-writer", flow::write);
        sim.startThread("bulk-tcp-reader", flow::read);
        return flow;
    }

    private void write() {
        byte[] chunk = new byte[64 << 10];
        try {
            while (!closed) sender.out().write(chunk);
        } catch (IOException e) {
            // closed
        }
    }

    private void read() {
        byte[] buf = new byte[64 << 10];
        try {
            InputStream in = receiver.in();
            for (int n; (n = in.read(buf)) > 0; ) received.addAndGet(n);
        } catch (IOException e) {
            // closed
        }
    }

    /** Runs under the simulation's lock, at each interval. */
    private void sample() {
        if (closed) return;
        synchronized (samples) {
            samples.add(new Sample(sim.elapsed(), received.get()));
        }
        sim.schedule(every, this::sample);
    }

    /** Bytes the receiver has read. */
    public long bytesReceived() {
        return received.get();
    }

    public List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /**
     * Bytes per second read between two instants of the simulation's elapsed time, from the samples nearest to
     * them (at most one interval off).
     */
    public double rate(Duration from, Duration to) {
        Sample a = nearest(from);
        Sample b = nearest(to);
        long nanos = b.at().minus(a.at()).toNanos();
        if (nanos <= 0) throw new IllegalArgumentException("no samples between " + from + " and " + to);
        return (b.bytes() - a.bytes()) * 1e9 / nanos;
    }

    private Sample nearest(Duration at) {
        synchronized (samples) {
            Sample best = samples.getFirst();
            for (Sample s : samples)
                if (s.at().minus(at).abs().compareTo(best.at().minus(at).abs()) < 0) best = s;
            return best;
        }
    }

    /** Stops sending and closes the connection (while virtual time runs, as a close may wait). */
    public void stop() throws Exception {
        closed = true;
        sim.shutDown(() -> {
            sender.close();
            receiver.close();
            listener.close();
        });
    }
}
