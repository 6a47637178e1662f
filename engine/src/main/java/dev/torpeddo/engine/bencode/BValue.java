package dev.torpeddo.engine.bencode;

/**
 * A bencoded value (BEP 3): an integer, a byte string, a list or a dictionary. Values are immutable and
 * compare by content, so decoded and hand-built values can be compared directly in code and tests.
 */
public sealed interface BValue permits BInt, BBytes, BList, BDict {

    /** A short human name of the value's type, for error messages ("an integer", "a list", ...). */
    default String typeName() {
        return switch (this) {
            case BInt i -> "an integer";
            case BBytes b -> "a string";
            case BList l -> "a list";
            case BDict d -> "a dictionary";
        };
    }
}
