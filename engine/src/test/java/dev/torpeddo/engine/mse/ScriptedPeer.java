package dev.torpeddo.engine.mse;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.random.RandomGenerator;

/**
 * The other side's bytes, built by hand so that a test can put them at (or just past) the spec's limits, or
 * make them lie. Uses the same arithmetic as the engine ({@link MseCrypto}), which the tests against each
 * other and against libtorrent's recording check independently.
 */
final class ScriptedPeer {
    final MseCrypto.KeyPair keys;

    ScriptedPeer(RandomGenerator random) {
        keys = MseCrypto.KeyPair.generate(random);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** Step 1 or 2: our public key and {@code pad} bytes of padding. */
    byte[] publicKey(int pad) {
        return concat(keys.publicKey(), new byte[pad]);
    }

    /** An initiator's step 3 for {@code skey}, once it knows the responder's key. */
    byte[] step3(byte[] theirKey, InfoHash skey, int provide, int padC, byte[] initialPayload, boolean honestVc)
            throws MseException {
        byte[] s = keys.secret(theirKey);
        ByteBuffer enc = ByteBuffer.allocate(8 + 4 + 2 + padC + 2 + initialPayload.length);
        enc.put(new byte[8]).putInt(provide).putShort((short) padC).put(new byte[padC]);
        enc.putShort((short) initialPayload.length).put(initialPayload);
        if (!honestVc) enc.put(0, (byte) 1);
        MseCrypto.cipher("keyA", s, skey).apply(enc.array(), 0, enc.capacity());
        return concat(
                MseCrypto.hash("req1", s), MseCrypto.xor(MseCrypto.req2(skey), MseCrypto.hash("req3", s)), enc.array());
    }

    /** A responder's step 4, then {@code payload} encrypted with the same stream (as RC4 would carry it). */
    byte[] step4(byte[] theirKey, InfoHash skey, int select, int padD, byte[] payload) throws MseException {
        byte[] s = keys.secret(theirKey);
        ByteBuffer enc = ByteBuffer.allocate(8 + 4 + 2 + padD + payload.length);
        enc.put(new byte[8])
                .putInt(select)
                .putShort((short) padD)
                .put(new byte[padD])
                .put(payload);
        MseCrypto.cipher("keyB", s, skey).apply(enc.array(), 0, enc.capacity());
        return enc.array();
    }
}
