package dev.torpeddo.engine.api;

/** Where a torrent learned a peer's address. */
public enum PeerSource {
    /** From a tracker's announce reply. */
    TRACKER,
    /** From the mainline DHT (BEP 5). */
    DHT,
    /** From another peer, by peer exchange (BEP 11). */
    PEX,
    /** From Local Service Discovery on the LAN (BEP 14). */
    LSD,
    /** Given by the user or the magnet link ({@code x.pe}), or kept from an earlier run. */
    MANUAL,
    /** It connected to us; we never had its listening address. */
    INCOMING
}
