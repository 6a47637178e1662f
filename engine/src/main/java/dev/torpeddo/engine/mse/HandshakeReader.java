package dev.torpeddo.engine.mse;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The handshake's reads, through a fixed buffer: memory stays bounded whatever the peer sends, and a read
 * takes whatever the socket has rather than a byte at a time. Bytes read past the handshake are handed on
 * ({@link #leftover}) to the stream that follows it.
 */
final class HandshakeReader {
    // Enough for the longest window searched (a 20-byte mark) many times over; never grows.
    static final int CAPACITY = 4096;

    private final InputStream in;
    private final byte[] buffer = new byte[CAPACITY];
    private int position;
    private int limit;

    HandshakeReader(byte[] alreadyRead, InputStream in) {
        this.in = in;
        System.arraycopy(alreadyRead, 0, buffer, 0, alreadyRead.length);
        limit = alreadyRead.length;
    }

    /** The next {@code n} bytes, consumed. */
    byte[] take(int n) throws IOException {
        need(n);
        byte[] out = Arrays.copyOfRange(buffer, position, position + n);
        position += n;
        return out;
    }

    /** Decrypts the next {@code n} bytes with {@code cipher} and returns them, consumed. */
    byte[] take(int n, Rc4 cipher) throws IOException {
        byte[] out = take(n);
        cipher.apply(out, 0, n);
        return out;
    }

    /** Skips {@code n} bytes without keeping them (padding), a buffer at a time. */
    void skip(int n, Rc4 cipher) throws IOException {
        int left = n;
        while (left > 0) {
            int step = Math.min(left, CAPACITY);
            need(step);
            cipher.apply(buffer, position, step);
            position += step;
            left -= step;
        }
    }

    /**
     * Consumes everything up to and including {@code mark}, which must begin within {@code maxBefore} bytes
     * from here. Reads at most {@code maxBefore + mark.length} bytes for it, whatever the peer sends.
     *
     * @throws MseException if the mark is not there
     */
    void skipPast(byte[] mark, int maxBefore, String what) throws IOException {
        for (int before = 0; before <= maxBefore; before++) {
            need(mark.length);
            if (Arrays.equals(buffer, position, position + mark.length, mark, 0, mark.length)) {
                position += mark.length;
                return;
            }
            position++;
        }
        throw new MseException(what + " not found within " + maxBefore + " bytes of padding");
    }

    /** What was read beyond the handshake: the start of the stream that follows. */
    byte[] leftover() {
        return Arrays.copyOfRange(buffer, position, limit);
    }

    private void need(int n) throws IOException {
        if (limit - position >= n) return;
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        while (limit < n) {
            int r = in.read(buffer, limit, buffer.length - limit);
            if (r < 0) throw new EOFException("closed during the encrypted handshake");
            limit += r;
        }
    }
}
