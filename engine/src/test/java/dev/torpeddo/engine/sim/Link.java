package dev.torpeddo.engine.sim;

import java.time.Duration;

/**
 * A simulated host's connection to the network: what it can send and receive per second, the one-way delay
 * to the network's core (a path between two hosts takes the sum of theirs), the share of packets lost, a
 * random extra delay per packet (jitter: datagrams overtake each other, a TCP stream stays in order), and how
 * the upload queues packets ({@link Queueing}). A lost TCP segment arrives a retransmission timeout late, as
 * TCP would deliver it; a lost UDP datagram is gone.
 */
public record Link(
        long uploadBytesPerSecond,
        long downloadBytesPerSecond,
        Duration latency,
        double loss,
        Duration jitter,
        Queueing queueing) {
    /** A fast, clean link: 100 MiB/s each way, 5 ms to the core, nothing lost. */
    public static final Link FAST = new Link(100L << 20, 100L << 20, Duration.ofMillis(5), 0);

    public Link {
        if (uploadBytesPerSecond <= 0 || downloadBytesPerSecond <= 0)
            throw new IllegalArgumentException("a link's rates must be positive");
        if (latency.isNegative()) throw new IllegalArgumentException("negative latency");
        if (loss < 0 || loss >= 1) throw new IllegalArgumentException("loss must be in [0, 1)");
        if (jitter.isNegative()) throw new IllegalArgumentException("negative jitter");
    }

    /** Without jitter, and taking turns between flows: the link every simulation had before either existed. */
    public Link(long uploadBytesPerSecond, long downloadBytesPerSecond, Duration latency, double loss) {
        this(uploadBytesPerSecond, downloadBytesPerSecond, latency, loss, Duration.ZERO, Queueing.ROUND_ROBIN);
    }

    /** A symmetric link. */
    public static Link of(long bytesPerSecond, Duration latency) {
        return new Link(bytesPerSecond, bytesPerSecond, latency, 0);
    }

    public Link withLoss(double share) {
        return new Link(uploadBytesPerSecond, downloadBytesPerSecond, latency, share, jitter, queueing);
    }

    public Link withUpload(long bytesPerSecond) {
        return new Link(bytesPerSecond, downloadBytesPerSecond, latency, loss, jitter, queueing);
    }

    /** Each packet takes a random extra delay between zero and {@code max} (uniform), on top of the latency. */
    public Link withJitter(Duration max) {
        return new Link(uploadBytesPerSecond, downloadBytesPerSecond, latency, loss, max, queueing);
    }

    /**
     * The upload is one first-in-first-out queue of at most {@code bytes}, shared by all of the host's flows, as a
     * home router's is: a bulk transfer that fills it delays everyone's packets by up to {@code bytes} over the
     * upload rate, and what arrives at a full queue is dropped.
     */
    public Link withDropTail(int bytes) {
        return new Link(
                uploadBytesPerSecond, downloadBytesPerSecond, latency, loss, jitter, new Queueing.DropTail(bytes));
    }

    /** How a host's upload orders the packets of its flows (connections, UDP ports). */
    public sealed interface Queueing {
        /** Fair queueing, the default. */
        RoundRobin ROUND_ROBIN = new RoundRobin();

        /**
         * Flows take turns, one segment each, so a small request is not stuck behind another connection's
         * megabytes; no shared limit (a TCP window bounds each connection, a socket buffer each UDP port). This
         * hides the queueing delay a delay-based congestion control (LEDBAT) reacts to.
         */
        record RoundRobin() implements Queueing {}

        /**
         * One FIFO of about {@code bytes} for every flow (drop-tail: a packet gets in while any room is left, so
         * the last may overfill it by its size). A datagram that finds it full is lost; a TCP segment is sent
         * again a round trip later and its connection waits meanwhile, as TCP's fast retransmission would (it
         * does not model TCP shrinking its window: a simulated connection is limited by its window alone).
         */
        record DropTail(int bytes) implements Queueing {
            public DropTail {
                if (bytes <= 0) throw new IllegalArgumentException("a queue must hold some bytes");
            }
        }
    }
}
