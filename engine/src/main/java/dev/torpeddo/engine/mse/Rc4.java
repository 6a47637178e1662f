package dev.torpeddo.engine.mse;

/**
 * RC4 as MSE uses it: keyed with a 20-byte SHA-1, the first 1024 bytes of keystream thrown away (they leak
 * the key). Written here rather than taken from the JDK's "ARCFOUR" (still there, TLS merely disables it)
 * because the engine uses {@code java.*} only; the JDK's is plain Java too, and measured no faster. One
 * instance per direction, used by one thread at a time.
 */
final class Rc4 {
    private static final int DISCARD = 1024;

    private final byte[] state = new byte[256];
    private int i;
    private int j;

    Rc4(byte[] key) {
        for (int k = 0; k < 256; k++) state[k] = (byte) k;
        for (int k = 0, m = 0; k < 256; k++) {
            m = (m + state[k] + key[k % key.length]) & 0xff;
            byte t = state[k];
            state[k] = state[m];
            state[m] = t;
        }
        byte[] skip = new byte[DISCARD];
        apply(skip, 0, skip.length);
    }

    /** Encrypts or decrypts (the same thing) {@code len} bytes of {@code b} in place. */
    void apply(byte[] b, int off, int len) {
        apply(b, off, len, b, off);
    }

    void apply(byte[] src, int srcOff, int len, byte[] dst, int dstOff) {
        byte[] s = state;
        int x = i;
        int y = j;
        for (int k = 0; k < len; k++) {
            x = (x + 1) & 0xff;
            byte sx = s[x];
            y = (y + sx) & 0xff;
            byte sy = s[y];
            s[x] = sy;
            s[y] = sx;
            dst[dstOff + k] = (byte) (src[srcOff + k] ^ s[(sx + sy) & 0xff]);
        }
        i = x;
        j = y;
    }
}
