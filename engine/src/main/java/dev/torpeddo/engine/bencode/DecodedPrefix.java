package dev.torpeddo.engine.bencode;

/**
 * The result of {@link BDecoder#decodePrefix}: one value and the offset just past it, where whatever follows
 * the value (for example the raw piece of a ut_metadata message) begins.
 */
public record DecodedPrefix(BValue value, int end) {}
