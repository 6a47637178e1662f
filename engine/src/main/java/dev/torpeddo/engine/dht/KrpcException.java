package dev.torpeddo.engine.dht;

/**
 * A KRPC packet that is not valid (BEP 5): malformed bencode, a missing or mistyped key, or something over a
 * limit. The message is one line; the packet is dropped.
 */
public final class KrpcException extends Exception {
    public KrpcException(String message) {
        super(message);
    }
}
