package dev.torpeddo.engine.api;

/** What carries a peer connection. */
public enum PeerTransport {
    TCP,
    /** uTP (BEP 29) over UDP. */
    UTP
}
