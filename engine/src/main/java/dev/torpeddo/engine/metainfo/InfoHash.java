package dev.torpeddo.engine.metainfo;

import java.util.Arrays;
import java.util.HexFormat;

/** The SHA-1 of a torrent's bencoded info dictionary (BitTorrent v1), which names the torrent on the wire. */
public record InfoHash(byte[] bytes) {
    public static final int LENGTH = 20;

    public InfoHash {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an info-hash has 20 bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public static InfoHash ofHex(String hex) {
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("an info-hash in hex has 40 digits, got " + hex.length());
        }
        return new InfoHash(HexFormat.of().parseHex(hex));
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InfoHash other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
