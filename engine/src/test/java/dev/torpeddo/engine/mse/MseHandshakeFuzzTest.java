package dev.torpeddo.engine.mse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torpeddo.engine.fuzz.FuzzChecks;
import dev.torpeddo.engine.fuzz.FuzzChecks.Outcome;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.net.Network;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fuzz target for the responder's side of MSE, which any stranger reaches by connecting to our port. The
 * first input byte picks how the rest is used: odd, as raw bytes from the initiator (the public key, the
 * padding search); even, as the plaintext of step 3's encrypted part behind an honest key exchange and
 * obfuscated info-hash, so the fuzzer reaches the verification constant, the methods, PadC and the initial
 * payload. Either way the handshake completes only for what the spec allows, or fails with an
 * {@link IOException} that says why, reading and allocating within bounds. Seeds and regression inputs:
 * MseHandshakeFuzzTestInputs/respond.
 */
class MseHandshakeFuzzTest {
    private static final InfoHash HASH = InfoHash.ofHex("0123456789abcdef0123456789abcdef01234567");
    private static final long OUR_SEED = 5;
    // The responder's key comes from this seed on every run, so the harness can play an honest initiator.
    private static final byte[] OUR_PUBLIC_KEY =
            MseCrypto.KeyPair.generate(new SplittableRandom(OUR_SEED)).publicKey();
    private static final MseCrypto.KeyPair INITIATOR = MseCrypto.KeyPair.generate(new SplittableRandom(6));

    @FuzzTest
    void respond(byte[] input) throws IOException {
        if (input.length == 0) return;
        byte[] stream = (input[0] & 1) == 1 ? Arrays.copyOfRange(input, 1, input.length) : honest(input);
        Outcome<EncryptedConnection> outcome = FuzzChecks.parse(input.length, () -> run(stream), IOException.class);
        if (outcome instanceof Outcome.Parsed<EncryptedConnection>(EncryptedConnection c)) {
            assertThat(c.infoHash()).isEqualTo(HASH);
            // Only an honest step 3 gets this far: the harness's, with a zero VC and a method we allow.
            assertThat(input[0] & 1).isZero();
            byte[] plain = Arrays.copyOfRange(input, 1, input.length);
            assertThat(Arrays.copyOf(plain, 8)).isEqualTo(new byte[8]);
            int provide = ByteBuffer.wrap(plain, 8, 4).getInt();
            assertThat(provide & 0x03).isNotZero();
            assertThat(c.method()).isEqualTo((provide & 0x02) != 0 ? CryptoMethod.RC4 : CryptoMethod.PLAINTEXT);
            assertThat(((plain[12] & 0xff) << 8) | (plain[13] & 0xff)).isLessThanOrEqualTo(MseCrypto.MAX_PAD);
        }
    }

    /** Ya, no PadA, the two hashes, then the fuzzer's bytes encrypted as step 3's tail. */
    private static byte[] honest(byte[] input) throws MseException {
        byte[] s = INITIATOR.secret(OUR_PUBLIC_KEY);
        byte[] tail = Arrays.copyOfRange(input, 1, input.length);
        MseCrypto.cipher("keyA", s, HASH).apply(tail, 0, tail.length);
        return ScriptedPeer.concat(
                INITIATOR.publicKey(),
                MseCrypto.hash("req1", s),
                MseCrypto.xor(MseCrypto.req2(HASH), MseCrypto.hash("req3", s)),
                tail);
    }

    private static EncryptedConnection run(byte[] stream) throws IOException {
        Network.Connection c = new Network.Connection() {
            private final InputStream in = new ByteArrayInputStream(stream);
            private final OutputStream out = new ByteArrayOutputStream();

            @Override
            public InputStream in() {
                return in;
            }

            @Override
            public OutputStream out() {
                return out;
            }

            @Override
            public InetSocketAddress remote() {
                return new InetSocketAddress(0);
            }

            @Override
            public void setReadTimeout(Duration timeout) {}

            @Override
            public void close() {}
        };
        return MseHandshake.respond(
                c,
                new byte[0],
                c.in(),
                List.of(HASH),
                EnumSet.allOf(CryptoMethod.class),
                new SplittableRandom(OUR_SEED));
    }
}
