package dev.torpeddo.engine.metainfo;

import dev.torpeddo.engine.id.ByteIdentifier;
import java.util.HexFormat;

/** The SHA-1 of a torrent's bencoded info dictionary (BitTorrent v1), which names the torrent on the wire. */
public final class InfoHash extends ByteIdentifier {
    public static final int LENGTH = 20;

    public InfoHash(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an info-hash has 20 bytes, got " + bytes.length);
        }
        super(bytes);
    }

    public static InfoHash ofHex(String hex) {
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("an info-hash in hex has 40 digits, got " + hex.length());
        }
        return new InfoHash(HexFormat.of().parseHex(hex));
    }
}
