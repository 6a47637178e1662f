package dev.torpeddo.engine.api;

/**
 * Every piece of a torrent at one moment, for a piece map: its state and how many connected peers have it.
 * Arrays, not lists: a large torrent has hundreds of thousands of pieces.
 *
 * @param states one of {@link #MISSING}, {@link #DOWNLOADING}, {@link #HAVE} per piece
 * @param availability connected peers that have each piece
 */
public record PieceStates(byte[] states, int[] availability) {
    public static final byte MISSING = 0;
    /** Some of its blocks are requested or received; it is not verified yet. */
    public static final byte DOWNLOADING = 1;
    /** Verified and on disk. */
    public static final byte HAVE = 2;

    public PieceStates {
        if (states.length != availability.length)
            throw new IllegalArgumentException("one state and one availability per piece");
        states = states.clone();
        availability = availability.clone();
    }

    public int count() {
        return states.length;
    }

    public byte state(int piece) {
        return states[piece];
    }

    public int availability(int piece) {
        return availability[piece];
    }

    @Override
    public byte[] states() {
        return states.clone();
    }

    @Override
    public int[] availability() {
        return availability.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PieceStates p
                && java.util.Arrays.equals(states, p.states)
                && java.util.Arrays.equals(availability, p.availability);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(states) + java.util.Arrays.hashCode(availability);
    }

    @Override
    public String toString() {
        return "PieceStates[" + states.length + " pieces]";
    }
}
