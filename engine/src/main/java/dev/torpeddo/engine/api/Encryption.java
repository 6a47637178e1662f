package dev.torpeddo.engine.api;

/**
 * Message Stream Encryption (MSE/PE) for peer connections, as the user sets it. Whatever the setting, plain
 * and encrypted handshakes arrive on the same port and are told apart by their first bytes.
 */
public enum Encryption {
    /**
     * Outgoing connections try MSE first, offering RC4 and the plaintext method (RC4 chosen when we pick);
     * if the encrypted handshake fails, one plain retry to the same peer. Incoming: plain or MSE, either
     * method, RC4 selected when offered.
     */
    PREFER,
    /**
     * MSE only, and RC4 only, both ways: a plain peer, or one that offers only the plaintext method (whose
     * payload travels in the clear), is refused. Like libtorrent's {@code pe_forced} with
     * {@code allowed_enc_level = pe_rc4}.
     */
    REQUIRE,
    /** Plain connections only: we never start MSE, and refuse it from incoming peers. */
    DISABLE
}
