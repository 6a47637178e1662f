package dev.torpeddo.engine.bencode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bencoded dictionary ({@code d...e}): byte-string keys mapped to values. Iteration follows the order in
 * which the keys were decoded or added, so non-canonical input stays inspectable; {@link BEncoder} always
 * writes keys sorted. Equality ignores order.
 *
 * <p>Typed getters return empty when the key is absent and throw {@link BencodeException} when it is present
 * with another type, so that callers can tell "missing" from "malformed".
 */
public record BDict(Map<BBytes, BValue> entries) implements BValue {

    public BDict {
        LinkedHashMap<BBytes, BValue> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> copy.put(java.util.Objects.requireNonNull(k), java.util.Objects.requireNonNull(v)));
        entries = Collections.unmodifiableMap(copy);
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return entries.size();
    }

    public boolean containsKey(String key) {
        return entries.containsKey(BBytes.of(key));
    }

    public Optional<BValue> get(String key) {
        return Optional.ofNullable(entries.get(BBytes.of(key)));
    }

    public Optional<Long> getInt(String key) throws BencodeException {
        return Optional.ofNullable(typed(key, BInt.class, "an integer")).map(BInt::value);
    }

    public Optional<BBytes> getBytes(String key) throws BencodeException {
        return Optional.ofNullable(typed(key, BBytes.class, "a string"));
    }

    /** The string under {@code key} decoded leniently as UTF-8 (see {@link BBytes#asUtf8()}). */
    public Optional<String> getString(String key) throws BencodeException {
        return getBytes(key).map(BBytes::asUtf8);
    }

    public Optional<BList> getList(String key) throws BencodeException {
        return Optional.ofNullable(typed(key, BList.class, "a list"));
    }

    public Optional<BDict> getDict(String key) throws BencodeException {
        return Optional.ofNullable(typed(key, BDict.class, "a dictionary"));
    }

    private <T extends BValue> T typed(String key, Class<T> type, String expected) throws BencodeException {
        BValue v = entries.get(BBytes.of(key));
        if (v == null) return null;
        if (!type.isInstance(v)) {
            throw new BencodeException("'" + key + "' is " + v.typeName() + ", expected " + expected);
        }
        return type.cast(v);
    }

    /** Collects entries in insertion order; a later {@code put} of the same key replaces the value. */
    public static final class Builder {
        private final LinkedHashMap<BBytes, BValue> entries = new LinkedHashMap<>();

        private Builder() {}

        public Builder put(String key, BValue value) {
            entries.put(BBytes.of(key), value);
            return this;
        }

        public Builder put(BBytes key, BValue value) {
            entries.put(key, value);
            return this;
        }

        public Builder put(String key, long value) {
            return put(key, new BInt(value));
        }

        /** Puts the UTF-8 encoding of {@code value}. */
        public Builder put(String key, String value) {
            return put(key, BBytes.of(value));
        }

        public Builder put(String key, byte[] value) {
            return put(key, new BBytes(value));
        }

        public Builder remove(String key) {
            entries.remove(BBytes.of(key));
            return this;
        }

        public BDict build() {
            return new BDict(entries);
        }
    }
}
