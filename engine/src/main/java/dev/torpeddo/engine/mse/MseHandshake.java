package dev.torpeddo.engine.mse;

import static dev.torpeddo.engine.mse.MseCrypto.HASH_BYTES;
import static dev.torpeddo.engine.mse.MseCrypto.KEY_BYTES;
import static dev.torpeddo.engine.mse.MseCrypto.MAX_PAD;
import static dev.torpeddo.engine.mse.MseCrypto.VC_BYTES;

import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.net.Network;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Message Stream Encryption (the Vuze/libtorrent spec), both sides. The initiator A and the responder B:
 *
 * <pre>
 * 1 A→B  Ya, PadA
 * 2 B→A  Yb, PadB
 * 3 A→B  HASH('req1', S), HASH('req2', SKEY) xor HASH('req3', S),
 *        ENCRYPT(VC, crypto_provide, len(PadC), PadC, len(IA)), ENCRYPT(IA)
 * 4 B→A  ENCRYPT(VC, crypto_select, len(PadD), PadD), then the payload stream
 * 5 A→B  the payload stream
 * </pre>
 *
 * Y are 96-byte Diffie-Hellman public keys, S the shared secret, SKEY the info-hash, VC eight zero bytes,
 * pads 0 to 512 random bytes. Each step is a method below, run in order on the connection's thread;
 * reads go through a bounded buffer and every search for a synchronisation point (B for HASH('req1', S)
 * behind PadA, A for the encrypted VC behind PadB) gives up after the spec's 512 bytes of padding. The
 * caller bounds the time: {@code in} is the connection's input under the handshake deadline.
 */
public final class MseHandshake {
    private static final byte[] VC = new byte[VC_BYTES];

    private final Network.Connection raw;
    private final OutputStream out;
    private final RandomGenerator random;
    private final MseCrypto.KeyPair keys;
    private final HandshakeReader reader;

    private MseHandshake(Network.Connection raw, byte[] alreadyRead, InputStream in, RandomGenerator random) {
        this.raw = raw;
        this.out = raw.out();
        this.random = random;
        this.keys = MseCrypto.KeyPair.generate(random);
        this.reader = new HandshakeReader(alreadyRead, in);
    }

    /**
     * Runs the initiator's side for torrent {@code skey}, offering {@code provide} and sending
     * {@code initialPayload} (our BitTorrent handshake, so it needs no extra round trip) inside step 3.
     *
     * @param in {@code raw}'s input, under the handshake's deadline
     * @throws MseException if the responder breaks the protocol or selects a method we did not offer
     */
    public static EncryptedConnection initiate(
            Network.Connection raw,
            InputStream in,
            InfoHash skey,
            Set<CryptoMethod> provide,
            byte[] initialPayload,
            RandomGenerator random)
            throws IOException {
        if (provide.isEmpty()) throw new IllegalArgumentException("offer at least one crypto method");
        return new MseHandshake(raw, new byte[0], in, random).asInitiator(skey, provide, initialPayload);
    }

    /**
     * Runs the responder's side on a connection whose first bytes ({@code alreadyRead}, at most a public
     * key's worth) were not a plain BitTorrent handshake. Finds the torrent among {@code served} by the
     * obfuscated info-hash and selects RC4 over plaintext when the initiator offers both and we allow it.
     *
     * @param in {@code raw}'s input after {@code alreadyRead}, under the handshake's deadline
     * @throws MseException if the initiator breaks the protocol, names no torrent we serve, or offers no
     *     method in {@code allowed}
     */
    public static EncryptedConnection respond(
            Network.Connection raw,
            byte[] alreadyRead,
            InputStream in,
            Collection<InfoHash> served,
            Set<CryptoMethod> allowed,
            RandomGenerator random)
            throws IOException {
        if (alreadyRead.length > KEY_BYTES) throw new IllegalArgumentException("more than a public key read");
        return new MseHandshake(raw, alreadyRead, in, random).asResponder(served, allowed);
    }

    private EncryptedConnection asInitiator(InfoHash skey, Set<CryptoMethod> provide, byte[] initialPayload)
            throws IOException {
        sendPublicKey(); // 1
        byte[] secret = keys.secret(reader.take(KEY_BYTES)); // 2 (PadB is skipped in 4's search)
        Rc4 encrypt = MseCrypto.cipher("keyA", secret, skey);
        Rc4 decrypt = MseCrypto.cipher("keyB", secret, skey);

        // 3
        byte[] padC = new byte[0]; // hides nothing the encrypted stream does not; libtorrent sends none either
        ByteBuffer step3 =
                ByteBuffer.allocate(2 * HASH_BYTES + VC_BYTES + 4 + 2 + padC.length + 2 + initialPayload.length);
        step3.put(MseCrypto.hash("req1", secret));
        step3.put(MseCrypto.xor(MseCrypto.req2(skey), MseCrypto.hash("req3", secret)));
        int encrypted = step3.position();
        step3.put(VC)
                .putInt(CryptoMethod.bits(provide))
                .putShort((short) padC.length)
                .put(padC)
                .putShort((short) initialPayload.length)
                .put(initialPayload);
        encrypt.apply(step3.array(), encrypted, step3.capacity() - encrypted);
        out.write(step3.array());
        out.flush();

        // 4: B's VC is the first eight bytes of its keystream, somewhere behind PadB
        byte[] vcMark = VC.clone();
        decrypt.apply(vcMark, 0, VC_BYTES);
        reader.skipPast(vcMark, MAX_PAD, "the responder's verification constant");
        int select = ByteBuffer.wrap(reader.take(4, decrypt)).getInt();
        Set<CryptoMethod> selected = CryptoMethod.of(select);
        if (selected.size() != 1 || !provide.containsAll(selected) || (select & ~CryptoMethod.bits(selected)) != 0)
            throw new MseException(
                    "the responder selected crypto 0x" + Integer.toHexString(select) + ", we offered " + provide);
        CryptoMethod method = selected.iterator().next();
        reader.skip(padLength(reader.take(2, decrypt), "PadD"), decrypt);

        return connection(decrypt, method == CryptoMethod.RC4 ? DecryptingInput.ALL : 0, encrypt, method, skey);
    }

    private EncryptedConnection asResponder(Collection<InfoHash> served, Set<CryptoMethod> allowed) throws IOException {
        byte[] secret = keys.secret(reader.take(KEY_BYTES)); // 1 (PadA is skipped in 3's search)
        sendPublicKey(); // 2

        // 3
        reader.skipPast(MseCrypto.hash("req1", secret), MAX_PAD, "HASH('req1', S)");
        byte[] req2 = MseCrypto.xor(reader.take(HASH_BYTES), MseCrypto.hash("req3", secret));
        InfoHash skey = null;
        for (InfoHash candidate : served) {
            if (Arrays.equals(MseCrypto.req2(candidate), req2)) {
                skey = candidate;
                break;
            }
        }
        if (skey == null) throw new MseException("the obfuscated info-hash names no torrent we serve");
        Rc4 decrypt = MseCrypto.cipher("keyA", secret, skey);
        Rc4 encrypt = MseCrypto.cipher("keyB", secret, skey);
        if (!Arrays.equals(reader.take(VC_BYTES, decrypt), VC))
            throw new MseException("wrong verification constant (a key mismatch)");
        int provide = ByteBuffer.wrap(reader.take(4, decrypt)).getInt();
        reader.skip(padLength(reader.take(2, decrypt), "PadC"), decrypt);
        int initialPayload = unsignedShort(reader.take(2, decrypt));
        CryptoMethod method = select(provide, allowed);

        // 4
        byte[] padD = new byte[0];
        ByteBuffer step4 = ByteBuffer.allocate(VC_BYTES + 4 + 2 + padD.length);
        step4.put(VC).putInt(method.bit()).putShort((short) padD.length).put(padD);
        encrypt.apply(step4.array(), 0, step4.capacity());
        out.write(step4.array());
        out.flush();

        // IA stays in the stream: it is RC4 whatever the method, and the caller reads the handshake in it.
        return connection(
                decrypt, method == CryptoMethod.RC4 ? DecryptingInput.ALL : initialPayload, encrypt, method, skey);
    }

    private void sendPublicKey() throws IOException {
        byte[] pad = MseCrypto.padding(random, MAX_PAD);
        byte[] step = Arrays.copyOf(keys.publicKey(), KEY_BYTES + pad.length);
        System.arraycopy(pad, 0, step, KEY_BYTES, pad.length);
        out.write(step);
        out.flush();
    }

    private static CryptoMethod select(int provide, Set<CryptoMethod> allowed) throws MseException {
        Set<CryptoMethod> offered = CryptoMethod.of(provide);
        for (CryptoMethod preferred : new CryptoMethod[] {CryptoMethod.RC4, CryptoMethod.PLAINTEXT})
            if (offered.contains(preferred) && allowed.contains(preferred)) return preferred;
        throw new MseException("no crypto method in common: the peer offers " + offered + ", we allow " + allowed);
    }

    private static int padLength(byte[] twoBytes, String which) throws MseException {
        int length = unsignedShort(twoBytes);
        if (length > MAX_PAD) throw new MseException(which + " of " + length + " bytes, over the limit of " + MAX_PAD);
        return length;
    }

    private static int unsignedShort(byte[] twoBytes) {
        return ((twoBytes[0] & 0xff) << 8) | (twoBytes[1] & 0xff);
    }

    private EncryptedConnection connection(
            Rc4 decrypt, long decryptedBytes, Rc4 encrypt, CryptoMethod method, InfoHash skey) {
        InputStream in = new DecryptingInput(reader.leftover(), raw.in(), decrypt, decryptedBytes);
        OutputStream payloadOut = method == CryptoMethod.RC4 ? new EncryptingOutput(out, encrypt) : out;
        return new EncryptedConnection(raw, in, payloadOut, method, skey);
    }
}
