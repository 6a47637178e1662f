package dev.torpeddo.engine.tracker;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a client tells a tracker in one announce.
 *
 * @param infoHash the torrent
 * @param peerId our 20-byte peer id
 * @param port the TCP port peers can reach us on, 1..65535
 * @param uploaded bytes uploaded since the {@code started} event
 * @param downloaded bytes downloaded since the {@code started} event
 * @param left bytes still missing
 * @param event why we announce
 * @param numWant how many peers we would like; negative lets the tracker choose
 * @param key a random number that stays the same for the session, so the tracker can recognise us across IP changes
 * @param compact whether to ask for the compact peer list (BEP 23)
 */
public record AnnounceRequest(
        InfoHash infoHash,
        byte[] peerId,
        int port,
        long uploaded,
        long downloaded,
        long left,
        AnnounceEvent event,
        int numWant,
        int key,
        boolean compact) {

    public AnnounceRequest {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(event, "event");
        if (peerId.length != 20) throw new IllegalArgumentException("a peer id has 20 bytes, got " + peerId.length);
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        if (uploaded < 0 || downloaded < 0 || left < 0) throw new IllegalArgumentException("negative byte count");
        peerId = peerId.clone();
    }

    /** A compact request, which is what every modern tracker expects. */
    public AnnounceRequest(
            InfoHash infoHash,
            byte[] peerId,
            int port,
            long uploaded,
            long downloaded,
            long left,
            AnnounceEvent event,
            int numWant,
            int key) {
        this(infoHash, peerId, port, uploaded, downloaded, left, event, numWant, key, true);
    }

    @Override
    public byte[] peerId() {
        return peerId.clone();
    }

    /** The same request with another event, for the announcer's started/completed/stopped sequence. */
    public AnnounceRequest withEvent(AnnounceEvent newEvent) {
        return new AnnounceRequest(infoHash, peerId, port, uploaded, downloaded, left, newEvent, numWant, key, compact);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnnounceRequest r
                && infoHash.equals(r.infoHash)
                && Arrays.equals(peerId, r.peerId)
                && port == r.port
                && uploaded == r.uploaded
                && downloaded == r.downloaded
                && left == r.left
                && event == r.event
                && numWant == r.numWant
                && key == r.key
                && compact == r.compact;
    }

    @Override
    public int hashCode() {
        return Objects.hash(infoHash, Arrays.hashCode(peerId), port, uploaded, downloaded, left, event, numWant, key);
    }

    @Override
    public String toString() {
        return "AnnounceRequest[" + infoHash + ", peerId=" + HexFormat.of().formatHex(peerId) + ", port=" + port
                + ", up=" + uploaded + ", down=" + downloaded + ", left=" + left + ", " + event + "]";
    }
}
