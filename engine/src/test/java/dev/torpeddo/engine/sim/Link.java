package dev.torpeddo.engine.sim;

import java.time.Duration;

/**
 * A simulated host's connection to the network: what it can send and receive per second, the one-way delay
 * to the network's core (a path between two hosts takes the sum of theirs), and the share of packets lost.
 * A lost TCP segment arrives a retransmission timeout late, as TCP would deliver it; a lost UDP datagram is
 * gone.
 */
public record Link(long uploadBytesPerSecond, long downloadBytesPerSecond, Duration latency, double loss) {
    /** A fast, clean link: 100 MiB/s each way, 5 ms to the core, nothing lost. */
    public static final Link FAST = new Link(100L << 20, 100L << 20, Duration.ofMillis(5), 0);

    public Link {
        if (uploadBytesPerSecond <= 0 || downloadBytesPerSecond <= 0)
            throw new IllegalArgumentException("a link's rates must be positive");
        if (latency.isNegative()) throw new IllegalArgumentException("negative latency");
        if (loss < 0 || loss >= 1) throw new IllegalArgumentException("loss must be in [0, 1)");
    }

    /** A symmetric link. */
    public static Link of(long bytesPerSecond, Duration latency) {
        return new Link(bytesPerSecond, bytesPerSecond, latency, 0);
    }

    public Link withLoss(double share) {
        return new Link(uploadBytesPerSecond, downloadBytesPerSecond, latency, share);
    }

    public Link withUpload(long bytesPerSecond) {
        return new Link(bytesPerSecond, downloadBytesPerSecond, latency, loss);
    }
}
