package dev.torpeddo.engine.utp;

/**
 * The bounds of a {@link UtpStack}: what a flood of SYNs, many peers or a peer that never acks can cost.
 *
 * @param maxConnections connections at once, half-open and closing ones included; more SYNs are refused
 * @param acceptBacklog accepted connections waiting for the session to take them
 * @param receiveBuffer bytes one connection holds for its reader (in order and out of order); its advertised
 *     window
 * @param sendBuffer bytes one connection holds that were written and not yet acked
 * @param totalBuffered bytes received and not yet read, over every connection; beyond it data packets are
 *     dropped unacked (the sender resends them later)
 */
public record UtpLimits(int maxConnections, int acceptBacklog, int receiveBuffer, int sendBuffer, long totalBuffered) {
    public static final UtpLimits DEFAULT = new UtpLimits(400, 64, 1 << 20, 1 << 20, 128L << 20);

    public UtpLimits {
        if (maxConnections < 1 || acceptBacklog < 1 || totalBuffered < 1)
            throw new IllegalArgumentException("uTP limits must be positive");
        if (receiveBuffer < UtpConnection.MAX_PAYLOAD * 4 || sendBuffer < UtpConnection.MAX_PAYLOAD * 4)
            throw new IllegalArgumentException("uTP buffers must hold a few packets");
    }
}
