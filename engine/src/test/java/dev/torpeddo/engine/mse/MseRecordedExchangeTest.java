package dev.torpeddo.engine.mse;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.net.Network;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Both sides of MSE replayed against libtorrent 2.0.8's side of a recorded exchange (recorded by
 * {@code capture-libtorrent-mse.py} beside the files, with fixed private keys and no padding on our side, so
 * our side here must write exactly the bytes libtorrent answered then, and read its answer as it was).
 */
class MseRecordedExchangeTest {
    private static final byte[] RESERVED = {0, 0, 0, 0, 0, 0x10, 0, 0x05};
    private static final Map<String, byte[]> PARAMS = params();
    private static final InfoHash HASH = new InfoHash(PARAMS.get("info-hash"));

    private static byte[] resource(String name) {
        try (InputStream in = MseRecordedExchangeTest.class.getResourceAsStream("libtorrent/" + name)) {
            if (in == null) throw new IllegalStateException("missing recording " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, byte[]> params() {
        Map<String, byte[]> out = new HashMap<>();
        for (String line : new String(resource("params"), US_ASCII).split("\n")) {
            String[] kv = line.split(" ");
            out.put(kv[0], HexFormat.of().parseHex(kv[1]));
        }
        return out;
    }

    /** Hands out the recording's private key and no padding, as the script used. */
    private static RandomGenerator fixedKey(byte[] privateKey) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public int nextInt(int bound) {
                return 0;
            }

            @Override
            public void nextBytes(byte[] bytes) {
                if (bytes.length == privateKey.length) System.arraycopy(privateKey, 0, bytes, 0, bytes.length);
                else Arrays.fill(bytes, (byte) 0);
            }
        };
    }

    /** Reads the recorded bytes, keeps what we write. */
    private record Replay(InputStream in, ByteArrayOutputStream written) implements Network.Connection {
        Replay(byte[] recorded) {
            this(new ByteArrayInputStream(recorded), new ByteArrayOutputStream());
        }

        @Override
        public InetSocketAddress remote() {
            return new InetSocketAddress(0);
        }

        @Override
        public void setReadTimeout(Duration timeout) {}

        @Override
        public void close() {}

        @Override
        public OutputStream out() {
            return written;
        }
    }

    private static byte[] ourHandshake() {
        return ScriptedPeer.concat(
                "\u0013BitTorrent protocol".getBytes(US_ASCII), RESERVED, HASH.bytes(), PARAMS.get("our-peer-id"));
    }

    @Test
    void asInitiatorWeSendWhatLibtorrentAcceptedAndReadItsRc4Answer() throws IOException {
        Replay c = new Replay(resource("responder-sent-by-libtorrent"));
        EncryptedConnection e = MseHandshake.initiate(
                c,
                c.in(),
                HASH,
                EnumSet.allOf(CryptoMethod.class),
                ourHandshake(),
                fixedKey(PARAMS.get("x-initiator")));

        assertThat(c.written().toByteArray()).isEqualTo(resource("initiator-sent-by-us"));
        assertThat(e.method()).as("libtorrent, preferring RC4, selected it").isEqualTo(CryptoMethod.RC4);
        DataInputStream in = new DataInputStream(e.in());
        byte[] handshake = in.readNBytes(68);
        assertThat(Arrays.copyOfRange(handshake, 0, 20)).isEqualTo("\u0013BitTorrent protocol".getBytes(US_ASCII));
        assertThat(Arrays.copyOfRange(handshake, 28, 48)).isEqualTo(HASH.bytes());
        assertThat(Arrays.copyOfRange(handshake, 48, 68)).isEqualTo(PARAMS.get("libtorrent-peer-id"));
        // Then its first message, decrypted: the extension handshake (20), a bitfield (5) or have-all (14).
        int length = in.readInt();
        assertThat(length).isBetween(1, 1 << 16);
        assertThat(in.readUnsignedByte()).isIn(20, 5, 14);
    }

    @Test
    void asResponderWeFindTheTorrentReadLibtorrentsInitialPayloadAndAnswerAsRecorded() throws IOException {
        Replay c = new Replay(resource("initiator-sent-by-libtorrent"));
        InfoHash other = InfoHash.ofHex("89abcdef0123456789abcdef0123456789abcdef");
        EncryptedConnection e = MseHandshake.respond(
                c,
                new byte[0],
                c.in(),
                List.of(other, HASH),
                EnumSet.allOf(CryptoMethod.class),
                fixedKey(PARAMS.get("x-responder")));

        assertThat(e.infoHash()).isEqualTo(HASH);
        assertThat(e.method()).isEqualTo(CryptoMethod.RC4);
        byte[] handshake = new DataInputStream(e.in()).readNBytes(68);
        assertThat(Arrays.copyOfRange(handshake, 28, 48)).isEqualTo(HASH.bytes());
        assertThat(Arrays.copyOfRange(handshake, 48, 68)).isEqualTo(PARAMS.get("libtorrent-peer-id-dialling"));
        e.out().write(ourHandshake());
        assertThat(c.written().toByteArray()).isEqualTo(resource("responder-sent-by-us"));
    }
}
