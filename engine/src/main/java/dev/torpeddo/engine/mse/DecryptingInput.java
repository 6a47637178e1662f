package dev.torpeddo.engine.mse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The peer's stream after the handshake: first whatever the handshake read too far, then the socket; the
 * first {@code encrypted} bytes decrypted (all of them for RC4; only the initial payload for the plaintext
 * method, which the spec still encrypts). Decrypts in the caller's array, so no copy and no buffer.
 */
final class DecryptingInput extends InputStream {
    static final long ALL = Long.MAX_VALUE;

    private final InputStream in;
    private final Rc4 cipher;
    private byte[] prefix;
    private int prefixPosition;
    private long encrypted;

    DecryptingInput(byte[] prefix, InputStream in, Rc4 cipher, long encrypted) {
        this.prefix = prefix.length == 0 ? null : prefix;
        this.in = in;
        this.cipher = cipher;
        this.encrypted = encrypted;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        int n;
        if (prefix != null) {
            n = Math.min(len, prefix.length - prefixPosition);
            System.arraycopy(prefix, prefixPosition, b, off, n);
            prefixPosition += n;
            if (prefixPosition == prefix.length) prefix = null;
        } else {
            n = in.read(b, off, len);
            if (n <= 0) return n;
        }
        if (encrypted > 0) {
            int k = (int) Math.min(n, encrypted);
            cipher.apply(b, off, k);
            if (encrypted != ALL) encrypted -= k;
        }
        return n;
    }

    /**
     * What can be read without blocking: the rest of the prefix, else the socket's (decrypting keeps the count).
     * A rate-limited reader asks this to size its reads; 0 here made it read a byte at a time.
     */
    @Override
    public int available() throws IOException {
        return prefix == null ? in.available() : prefix.length - prefixPosition;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
