package dev.torpeddo.engine.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

    private static final List<Message> ALL = List.of(
            new Message.KeepAlive(),
            new Message.Choke(),
            new Message.Unchoke(),
            new Message.Interested(),
            new Message.NotInterested(),
            new Message.Have(7),
            new Message.Bitfield(new byte[] {(byte) 0xf0, 1}),
            new Message.Request(1, 16384, 16384),
            new Message.Piece(2, 0, new byte[] {1, 2, 3}),
            new Message.Cancel(1, 0, 16384),
            new Message.Port(6881),
            new Message.Suggest(3),
            new Message.HaveAll(),
            new Message.HaveNone(),
            new Message.Reject(4, 0, 100),
            new Message.AllowedFast(9),
            new Message.Extended(0, "d1:md11:ut_metadatai1eee".getBytes(UTF_8)));

    private static Message roundTrip(Message m) throws IOException {
        return new FrameReader(new ByteArrayInputStream(MessageCodec.encode(m)), WireLimits.DEFAULT).read();
    }

    @Test
    void everyMessageTypeRoundTrips() throws IOException {
        for (Message m : ALL) {
            assertThat(roundTrip(m)).as(m.toString()).isEqualTo(m);
        }
    }

    @Test
    void streamDeliveredOneByteAtATimeStillParses() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Message m : ALL) all.write(MessageCodec.encode(m));
        InputStream trickle = new ByteArrayInputStream(all.toByteArray()) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        FrameReader reader = new FrameReader(trickle, WireLimits.DEFAULT);
        for (Message m : ALL) assertThat(reader.read()).isEqualTo(m);
        assertThatThrownBy(reader::read).isInstanceOf(EOFException.class);
    }

    @Test
    void hugeLengthPrefixIsRejectedWithoutAllocating() {
        for (int len : new int[] {0xFFFFFFFF, 0x80000000, 0x7FFFFFFF, 16 * 1024 * 1024}) {
            byte[] frame = ByteBuffer.allocate(5).putInt(len).put((byte) 7).array();
            assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(frame), WireLimits.DEFAULT).read())
                    .isInstanceOf(WireException.class)
                    .hasMessageContaining("too large");
        }
    }

    @Test
    void pieceLargerThanABlockIsRejected() {
        byte[] frame = ByteBuffer.allocate(13)
                .putInt(9 + 16384 + 1)
                .put((byte) 7)
                .putInt(0)
                .putInt(0)
                .array();
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(frame), WireLimits.DEFAULT).read())
                .isInstanceOf(WireException.class)
                .hasMessageContaining("piece message");
    }

    @Test
    void requestForMoreThanABlockIsRejected() {
        byte[] frame = MessageCodec.encode(new Message.Request(0, 0, 16384));
        ByteBuffer.wrap(frame).putInt(13, 1 << 20);
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(frame), WireLimits.DEFAULT).read())
                .isInstanceOf(WireException.class)
                .hasMessageContaining("block length");
    }

    @Test
    void wrongDeclaredLengthForFixedSizeMessageIsRejected() {
        byte[] frame = ByteBuffer.allocate(10)
                .putInt(6)
                .put((byte) 4)
                .putInt(1)
                .put((byte) 0)
                .array();
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(frame), WireLimits.DEFAULT).read())
                .isInstanceOf(WireException.class)
                .hasMessageContaining("expected 4");
    }

    @Test
    void unknownMessageIdIsRejected() {
        byte[] frame = ByteBuffer.allocate(5).putInt(1).put((byte) 0xff).array();
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(frame), WireLimits.DEFAULT).read())
                .isInstanceOf(WireException.class)
                .hasMessageContaining("unknown message id 255");
    }

    @Test
    void truncatedFrameIsEndOfStreamNotACrash() {
        byte[] full = MessageCodec.encode(new Message.Piece(1, 0, new byte[100]));
        byte[] cut = java.util.Arrays.copyOf(full, 50);
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(cut), WireLimits.DEFAULT).read())
                .isInstanceOf(EOFException.class);
    }

    @Property(tries = 2000)
    void randomBytesOnlyEverYieldMessagesOrIoErrors(@ForAll byte[] junk) {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(junk), WireLimits.DEFAULT);
        try {
            for (int i = 0; i < 100; i++) reader.read();
        } catch (IOException expected) {
            // EOF or WireException: both are clean outcomes
        }
    }

    @Test
    void aReusingReaderPutsEveryFullBlockInOneArrayAndShortBlocksInTheirOwn() throws IOException {
        byte[] first = new byte[WireLimits.BLOCK];
        byte[] second = new byte[WireLimits.BLOCK];
        java.util.Arrays.fill(first, (byte) 1);
        java.util.Arrays.fill(second, (byte) 2);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (Message m : List.of(
                new Message.Piece(0, 0, first),
                new Message.Piece(0, 16384, second),
                new Message.Piece(1, 0, new byte[7]))) {
            stream.writeBytes(MessageCodec.encode(m));
        }
        FrameReader reader =
                FrameReader.reusingBlockBuffer(new ByteArrayInputStream(stream.toByteArray()), WireLimits.DEFAULT);

        Message.Piece a = (Message.Piece) reader.read();
        assertThat(a.data()).isEqualTo(first);
        Message.Piece b = (Message.Piece) reader.read();
        assertThat(b.data()).isSameAs(a.data()).isEqualTo(second);
        Message.Piece c = (Message.Piece) reader.read();
        assertThat(c.data()).isNotSameAs(a.data()).hasSize(7);
    }

    @Property(tries = 500)
    void generatedRequestsRoundTrip(@ForAll("requests") Message m) throws IOException {
        assertThat(roundTrip(m)).isEqualTo(m);
    }

    @Provide
    Arbitrary<Message> requests() {
        var piece = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        var offset = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        var len = Arbitraries.integers().between(1, 16384);
        return Combinators.combine(piece, offset, len).as((p, o, l) -> (Message) new Message.Request(p, o, l));
    }
}
