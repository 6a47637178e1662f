package dev.torpeddo.engine.bencode;

/** A bencoded integer ({@code i42e}); bencode integers here are limited to the range of a {@code long}. */
public record BInt(long value) implements BValue {

    public static BInt of(long value) {
        return new BInt(value);
    }
}
