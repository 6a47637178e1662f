package dev.torpeddo.engine.wire;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The 68-byte BitTorrent handshake. The reserved bytes advertise extensions: the extension protocol (BEP 10,
 * byte 5 bit 0x10), the Fast extension (BEP 6, byte 7 bit 0x04) and DHT (BEP 5, byte 7 bit 0x01).
 */
public record Handshake(byte[] reserved, InfoHash infoHash, byte[] peerId) {
    public static final int LENGTH = 68;
    private static final byte[] PROTOCOL = "BitTorrent protocol".getBytes(StandardCharsets.US_ASCII);

    public Handshake {
        if (reserved.length != 8) throw new IllegalArgumentException("reserved must have 8 bytes");
        if (peerId.length != 20) throw new IllegalArgumentException("peer id must have 20 bytes");
        reserved = reserved.clone();
        peerId = peerId.clone();
    }

    /** Our own reserved bytes: extension protocol and Fast extension. */
    public static byte[] ourReserved() {
        byte[] r = new byte[8];
        r[5] |= 0x10;
        r[7] |= 0x04;
        return r;
    }

    public boolean supportsExtensionProtocol() {
        return (reserved[5] & 0x10) != 0;
    }

    public boolean supportsFast() {
        return (reserved[7] & 0x04) != 0;
    }

    public boolean supportsDht() {
        return (reserved[7] & 0x01) != 0;
    }

    @Override
    public byte[] reserved() {
        return reserved.clone();
    }

    @Override
    public byte[] peerId() {
        return peerId.clone();
    }

    public byte[] encode() {
        return ByteBuffer.allocate(LENGTH)
                .put((byte) PROTOCOL.length)
                .put(PROTOCOL)
                .put(reserved)
                .put(infoHash.bytes())
                .put(peerId)
                .array();
    }

    /**
     * Reads the first 48 bytes (protocol, reserved, info-hash). An incoming connection reads this first to
     * find the torrent before answering, then {@link #readPeerId}.
     */
    public static Header readHeader(DataInputStream in) throws IOException {
        int len = in.readUnsignedByte();
        if (len != PROTOCOL.length) throw new WireException("not a BitTorrent handshake");
        byte[] proto = new byte[len];
        in.readFully(proto);
        if (!Arrays.equals(proto, PROTOCOL)) throw new WireException("not a BitTorrent handshake");
        byte[] reserved = new byte[8];
        in.readFully(reserved);
        byte[] hash = new byte[20];
        in.readFully(hash);
        return new Header(reserved, new InfoHash(hash));
    }

    public static byte[] readPeerId(DataInputStream in) throws IOException {
        byte[] id = new byte[20];
        in.readFully(id);
        return id;
    }

    /** The part of a handshake before the peer id. */
    public record Header(byte[] reserved, InfoHash infoHash) {
        public Handshake withPeerId(byte[] peerId) {
            return new Handshake(reserved, infoHash, peerId);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Handshake h
                && Arrays.equals(reserved, h.reserved)
                && infoHash.equals(h.infoHash)
                && Arrays.equals(peerId, h.peerId);
    }

    @Override
    public int hashCode() {
        return infoHash.hashCode() * 31 + Arrays.hashCode(peerId);
    }
}
