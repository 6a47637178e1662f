package dev.torpeddo.engine.api;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One connected peer of a torrent, as a peer list shows it.
 *
 * @param address the peer's address (for an incoming peer, the port it connected from)
 * @param client the client's name and version: from its extension handshake's {@code v} when it sent one,
 *     else decoded from its peer id, else "Unknown"
 * @param flags qBittorrent's peer flags, in its letters (see {@link #flags()})
 * @param source where we learned of it
 * @param incoming it connected to us
 * @param encrypted the stream is encrypted (MSE/PE with RC4); false for plain connections and for MSE's
 *     plaintext method, which hides only the handshake
 * @param progress the fraction of the torrent's pieces the peer has, 0 to 1
 * @param downloadRate piece payload we receive from it, bytes per second
 * @param uploadRate piece payload we send to it, bytes per second
 * @param requestsInFlight blocks we asked it for and have not received
 * @param requestsQueued blocks it asked us for that we have not sent yet
 * @param interesting it has pieces we want and we told it so (we are interested)
 * @param chokingUs it refuses our requests
 * @param interested it wants pieces we have
 * @param choked we refuse its requests
 * @param snubbed it owed us blocks and sent none for a minute
 * @param transport what carries the connection
 */
public record PeerInfo(
        InetSocketAddress address,
        String client,
        String flags,
        PeerSource source,
        boolean incoming,
        boolean encrypted,
        double progress,
        long downloadRate,
        long uploadRate,
        int requestsInFlight,
        int requestsQueued,
        boolean interesting,
        boolean chokingUs,
        boolean interested,
        boolean choked,
        boolean snubbed,
        PeerTransport transport) {

    public PeerInfo {
        Objects.requireNonNull(transport);
        Objects.requireNonNull(address);
        Objects.requireNonNull(client);
        Objects.requireNonNull(flags);
        Objects.requireNonNull(source);
    }

    /**
     * qBittorrent's letters for a peer, in its order: {@code D} we download from it, {@code d} we would but
     * it chokes us, {@code U} we upload to it, {@code u} it would download but we choke it, {@code K} it
     * unchoked us but we are not interested, {@code ?} we unchoked it but it is not interested, {@code S}
     * snubbed, {@code I} incoming, {@code E} encrypted, {@code H} from the DHT, {@code X} from peer
     * exchange, {@code L} from the local network, {@code P} over uTP. Separated by spaces, as qBittorrent shows
     * them.
     */
    public static String flagsOf(
            boolean interesting,
            boolean chokingUs,
            boolean interested,
            boolean choked,
            boolean snubbed,
            boolean incoming,
            boolean encrypted,
            PeerSource source,
            PeerTransport transport) {
        String f = flagsOf(interesting, chokingUs, interested, choked, snubbed, incoming, encrypted, source);
        return transport == PeerTransport.UTP ? (f.isEmpty() ? "P" : f + " P") : f;
    }

    /** The flags of a TCP peer (see the method above). */
    public static String flagsOf(
            boolean interesting,
            boolean chokingUs,
            boolean interested,
            boolean choked,
            boolean snubbed,
            boolean incoming,
            boolean encrypted,
            PeerSource source) {
        StringBuilder f = new StringBuilder();
        if (interesting) f.append(chokingUs ? "d " : "D ");
        if (interested) f.append(choked ? "u " : "U ");
        if (!chokingUs && !interesting) f.append("K ");
        if (!choked && !interested) f.append("? ");
        if (snubbed) f.append("S ");
        if (incoming) f.append("I ");
        if (encrypted) f.append("E ");
        switch (source) {
            case DHT -> f.append("H ");
            case PEX -> f.append("X ");
            case LSD -> f.append("L ");
            case TRACKER, MANUAL, INCOMING -> {}
        }
        return f.toString().strip();
    }
}
