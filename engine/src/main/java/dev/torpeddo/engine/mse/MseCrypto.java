package dev.torpeddo.engine.mse;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.random.RandomGenerator;

/**
 * The spec's arithmetic: Diffie-Hellman over its 768-bit prime with generator 2, the SHA-1 hashes that name
 * synchronisation points and keys, and the sizes both sides must agree on.
 */
final class MseCrypto {
    static final int KEY_BYTES = 96;
    static final int MAX_PAD = 512;
    static final int HASH_BYTES = 20;
    static final int VC_BYTES = 8;

    private static final BigInteger P = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
                    + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A63A36210000000000090563",
            16);
    private static final BigInteger G = BigInteger.TWO;
    // 160 bits, as libtorrent and Vuze use: the spec asks for at least 128.
    private static final int PRIVATE_KEY_BYTES = 20;

    private MseCrypto() {}

    /** One side's key pair. */
    record KeyPair(BigInteger privateKey, byte[] publicKey) {
        static KeyPair generate(RandomGenerator random) {
            byte[] x = new byte[PRIVATE_KEY_BYTES];
            synchronized (random) { // a session's generator is shared by every connection's thread
                random.nextBytes(x);
            }
            x[0] |= (byte) 0x80; // never a tiny exponent
            BigInteger priv = new BigInteger(1, x);
            return new KeyPair(priv, unsigned(G.modPow(priv, P)));
        }

        /** S, from the peer's public key; a key of 0, 1 or P-1 (or beyond) would make S guessable. */
        byte[] secret(byte[] theirPublicKey) throws MseException {
            BigInteger y = new BigInteger(1, theirPublicKey);
            if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(P.subtract(BigInteger.ONE)) >= 0)
                throw new MseException("the peer's public key is degenerate");
            return unsigned(y.modPow(privateKey, P));
        }
    }

    /** {@code n} as exactly 96 big-endian bytes, zero-padded on the left. */
    static byte[] unsigned(BigInteger n) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[KEY_BYTES];
        int len = Math.min(raw.length, KEY_BYTES);
        System.arraycopy(raw, raw.length - len, out, KEY_BYTES - len, len);
        return out;
    }

    /** SHA-1 of an ASCII tag followed by the given byte strings. */
    static byte[] hash(String tag, byte[]... parts) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha1.update(tag.getBytes(StandardCharsets.US_ASCII));
        for (byte[] p : parts) sha1.update(p);
        return sha1.digest();
    }

    /** HASH('req2', SKEY): what the initiator names the torrent by, before the xor with HASH('req3', S). */
    static byte[] req2(InfoHash skey) {
        return hash("req2", skey.bytes());
    }

    /** The initiator's (A) sending key or the responder's (B). */
    static Rc4 cipher(String keyTag, byte[] secret, InfoHash skey) {
        return new Rc4(hash(keyTag, secret, skey.bytes()));
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) out[i] = (byte) (a[i] ^ b[i]);
        return out;
    }

    /** Random padding of 0 to {@code max} bytes. Its content is random too, so it looks like the key. */
    static byte[] padding(RandomGenerator random, int max) {
        byte[] pad;
        synchronized (random) {
            pad = new byte[random.nextInt(max + 1)];
            random.nextBytes(pad);
        }
        return pad;
    }
}
