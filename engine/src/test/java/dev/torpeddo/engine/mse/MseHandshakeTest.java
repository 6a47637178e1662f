package dev.torpeddo.engine.mse;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two sides of MSE against each other over an in-memory connection, and each side against a peer
 * scripted byte by byte: paddings at the spec's limit and one byte over, lies about the verification
 * constant, the key or the methods.
 */
class MseHandshakeTest {
    private static final InfoHash HASH = InfoHash.ofHex("0123456789abcdef0123456789abcdef01234567");
    private static final InfoHash OTHER = InfoHash.ofHex("89abcdef0123456789abcdef0123456789abcdef");
    private static final byte[] IA = "\u0013BitTorrent protocol, then the rest of it".getBytes(US_ASCII);
    private static final Set<CryptoMethod> BOTH = EnumSet.allOf(CryptoMethod.class);
    private static final Set<CryptoMethod> RC4_ONLY = EnumSet.of(CryptoMethod.RC4);
    private static final Set<CryptoMethod> PLAIN_ONLY = EnumSet.of(CryptoMethod.PLAINTEXT);

    private final java.util.concurrent.ExecutorService other = Executors.newVirtualThreadPerTaskExecutor();
    private final PipeConnection[] pipe = PipeConnection.pair();
    private final PipeConnection a = pipe[0];
    private final PipeConnection b = pipe[1];

    MseHandshakeTest() throws IOException {}

    @AfterEach
    void close() throws IOException {
        a.close();
        b.close();
        other.shutdownNow();
    }

    private CompletableFuture<EncryptedConnection> responder(List<InfoHash> served, Set<CryptoMethod> allowed) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return MseHandshake.respond(b, new byte[0], b.in(), served, allowed, new SplittableRandom(2));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                },
                other);
    }

    private CompletableFuture<EncryptedConnection> initiator(Set<CryptoMethod> provide) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return MseHandshake.initiate(a, a.in(), HASH, provide, IA, new SplittableRandom(1));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                },
                other);
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause().getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static byte[] readN(EncryptedConnection c, int n) throws IOException {
        byte[] out = new byte[n];
        new DataInputStream(c.in()).readFully(out);
        return out;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }

    @Test
    void bothSidesAgreeOnRc4AndTheStreamArrivesIntactBothWaysButNotInTheClear() throws Exception {
        CompletableFuture<EncryptedConnection> responder = responder(List.of(OTHER, HASH), BOTH);
        EncryptedConnection initiator = await(initiator(BOTH));
        EncryptedConnection answered = await(responder);

        assertThat(initiator.method()).isEqualTo(CryptoMethod.RC4);
        assertThat(answered.method()).isEqualTo(CryptoMethod.RC4);
        assertThat(answered.infoHash()).isEqualTo(HASH);
        assertThat(readN(answered, IA.length)).isEqualTo(IA);
        byte[] reply = "a reply long enough to see on the wire".getBytes(US_ASCII);
        answered.out().write(reply);
        answered.out().flush();
        assertThat(readN(initiator, reply.length)).isEqualTo(reply);
        byte[] more = "and more from the initiator".getBytes(US_ASCII);
        initiator.out().write(more);
        initiator.out().flush();
        assertThat(readN(answered, more.length)).isEqualTo(more);

        assertThat(contains(a.written(), "BitTorrent protocol".getBytes(US_ASCII)))
                .isFalse();
        assertThat(contains(a.written(), more)).isFalse();
        assertThat(contains(b.written(), reply)).isFalse();
        assertThat(contains(a.written(), HASH.bytes())).isFalse(); // the info-hash is obfuscated
    }

    @Test
    void thePlaintextMethodEncryptsTheInitialPayloadAndLeavesTheRestInTheClear() throws Exception {
        CompletableFuture<EncryptedConnection> responder = responder(List.of(HASH), BOTH);
        EncryptedConnection initiator = await(initiator(PLAIN_ONLY));
        EncryptedConnection answered = await(responder);

        assertThat(initiator.method()).isEqualTo(CryptoMethod.PLAINTEXT);
        assertThat(answered.rc4()).isFalse();
        assertThat(readN(answered, IA.length)).isEqualTo(IA);
        byte[] after = "after the initial payload".getBytes(US_ASCII);
        initiator.out().write(after);
        initiator.out().flush();
        assertThat(readN(answered, after.length)).isEqualTo(after);
        byte[] reply = "the responder's reply".getBytes(US_ASCII);
        answered.out().write(reply);
        answered.out().flush();
        assertThat(readN(initiator, reply.length)).isEqualTo(reply);

        assertThat(contains(a.written(), IA)).isFalse();
        assertThat(contains(a.written(), after)).isTrue();
        assertThat(contains(b.written(), reply)).isTrue();
    }

    @Test
    void aResponderThatRequiresRc4RefusesAnInitiatorOfferingOnlyThePlaintextMethod() {
        CompletableFuture<EncryptedConnection> responder = responder(List.of(HASH), RC4_ONLY);
        CompletableFuture<EncryptedConnection> _ = initiator(PLAIN_ONLY);
        assertThatThrownBy(() -> await(responder))
                .isInstanceOf(MseException.class)
                .hasMessageContaining("no crypto method in common");
    }

    @Test
    void anInitiatorNamingATorrentWeDoNotServeIsRefused() {
        CompletableFuture<EncryptedConnection> responder = responder(List.of(OTHER), BOTH);
        CompletableFuture<EncryptedConnection> _ = initiator(BOTH);
        assertThatThrownBy(() -> await(responder))
                .isInstanceOf(MseException.class)
                .hasMessageContaining("names no torrent we serve");
    }

    // --- the responder against a scripted initiator

    /** Runs our responder against an initiator sending PadA and PadC of the given sizes. */
    private CompletableFuture<EncryptedConnection> scriptedInitiator(int padA, int padC, boolean honestVc)
            throws Exception {
        CompletableFuture<EncryptedConnection> responder = responder(List.of(HASH), BOTH);
        ScriptedPeer peer = new ScriptedPeer(new SplittableRandom(7));
        a.out().write(peer.publicKey(padA));
        byte[] theirKey = new DataInputStream(a.in()).readNBytes(MseCrypto.KEY_BYTES);
        a.out().write(peer.step3(theirKey, HASH, 0x02, padC, IA, honestVc));
        return responder;
    }

    @Test
    void theResponderFindsTheInitiatorBehindTheLongestPaddingsTheSpecAllows() throws Exception {
        EncryptedConnection answered = await(scriptedInitiator(512, 512, true));
        assertThat(readN(answered, IA.length)).isEqualTo(IA);
    }

    @Test
    void theResponderGivesUpOnPadAOneByteOverTheLimit() {
        assertThatThrownBy(() -> await(scriptedInitiator(513, 0, true)))
                .isInstanceOf(MseException.class)
                .hasMessageContaining("HASH('req1', S) not found within 512 bytes");
    }

    @Test
    void theResponderRefusesPadCOverTheLimit() {
        assertThatThrownBy(() -> await(scriptedInitiator(0, 513, true)))
                .isInstanceOf(MseException.class)
                .hasMessageContaining("PadC of 513 bytes");
    }

    @Test
    void theResponderRefusesAWrongVerificationConstant() {
        assertThatThrownBy(() -> await(scriptedInitiator(0, 0, false)))
                .isInstanceOf(MseException.class)
                .hasMessageContaining("verification constant");
    }

    @Test
    void aDegeneratePublicKeyIsRefused() throws Exception {
        CompletableFuture<EncryptedConnection> responder = responder(List.of(HASH), BOTH);
        byte[] one = new byte[MseCrypto.KEY_BYTES];
        one[MseCrypto.KEY_BYTES - 1] = 1;
        a.out().write(one);
        assertThatThrownBy(() -> await(responder))
                .isInstanceOf(MseException.class)
                .hasMessageContaining("degenerate");
    }

    // --- the initiator against a scripted responder

    private CompletableFuture<EncryptedConnection> scriptedResponder(int padB, int select, int padD, byte[] payload)
            throws Exception {
        CompletableFuture<EncryptedConnection> initiator = initiator(BOTH);
        ScriptedPeer peer = new ScriptedPeer(new SplittableRandom(8));
        byte[] theirKey = new DataInputStream(b.in()).readNBytes(MseCrypto.KEY_BYTES);
        b.out().write(peer.publicKey(padB));
        b.out().write(peer.step4(theirKey, HASH, select, padD, payload));
        return initiator;
    }

    @Test
    void theInitiatorFindsTheResponderBehindTheLongestPaddingsTheSpecAllows() throws Exception {
        byte[] payload = "the responder's handshake".getBytes(US_ASCII);
        EncryptedConnection c = await(scriptedResponder(512, 0x02, 512, payload));
        assertThat(c.method()).isEqualTo(CryptoMethod.RC4);
        assertThat(readN(c, payload.length)).isEqualTo(payload);
    }

    @Test
    void theInitiatorGivesUpOnPadBOneByteOverTheLimit() {
        assertThatThrownBy(() -> await(scriptedResponder(513, 0x02, 0, new byte[0])))
                .isInstanceOf(MseException.class)
                .hasMessageContaining("verification constant not found within 512 bytes");
    }

    @Test
    void theInitiatorRefusesPadDOverTheLimit() {
        assertThatThrownBy(() -> await(scriptedResponder(0, 0x02, 513, new byte[0])))
                .isInstanceOf(MseException.class)
                .hasMessageContaining("PadD of 513 bytes");
    }

    @Test
    void theInitiatorRefusesASelectionItDidNotOfferOrTwoAtOnce() throws Exception {
        assertThatThrownBy(() -> await(scriptedResponder(0, 0x03, 0, new byte[0])))
                .isInstanceOf(MseException.class)
                .hasMessageContaining("selected crypto 0x3");
    }
}
