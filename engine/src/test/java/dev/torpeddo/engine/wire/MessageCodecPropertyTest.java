package dev.torpeddo.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MessageCodecPropertyTest {

    @Property
    void everyValidMessageReadsBackAsItself(@ForAll("messages") Message m) throws IOException {
        byte[] frame = MessageCodec.encode(m);
        assertThat(frame).hasSize(MessageCodec.frameLength(m));
        FrameReader reader = new FrameReader(new ByteArrayInputStream(frame), WireLimits.DEFAULT);
        assertThat(reader.read()).isEqualTo(m);
        assertThat(reader.bytesRead()).isEqualTo(frame.length);
    }

    @Property(tries = 200)
    void messagesBackToBackReadBackInOrderHoweverTheBytesArrive(
            @ForAll("streams") List<Message> messages, @ForAll @IntRange(min = 1, max = 100) int chunk)
            throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (Message m : messages) stream.writeBytes(MessageCodec.encode(m));
        ByteArrayInputStream chunked = new ByteArrayInputStream(stream.toByteArray()) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        FrameReader reader = new FrameReader(chunked, WireLimits.DEFAULT);
        List<Message> read = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) read.add(reader.read());
        assertThat(read).isEqualTo(messages);
        assertThat(reader.bytesRead()).isEqualTo(stream.size());
    }

    @Test
    void generatorCoversEveryMessageType() {
        Set<Class<?>> generated =
                messages().sampleStream().limit(2000).map(Object::getClass).collect(Collectors.toSet());
        assertThat(generated).containsExactlyInAnyOrder(Message.class.getPermittedSubclasses());
    }

    /** Any message FrameReader accepts under the default limits. */
    @Provide
    Arbitrary<Message> messages() {
        Arbitrary<Integer> anyInt = Arbitraries.integers();
        Arbitrary<Integer> blockLength = Arbitraries.integers().between(1, WireLimits.BLOCK);
        return Arbitraries.oneOf(
                Arbitraries.of(
                        new Message.KeepAlive(),
                        new Message.Choke(),
                        new Message.Unchoke(),
                        new Message.Interested(),
                        new Message.NotInterested(),
                        new Message.HaveAll(),
                        new Message.HaveNone()),
                anyInt.map(Message.Have::new),
                anyInt.map(Message.Suggest::new),
                anyInt.map(Message.AllowedFast::new),
                Arbitraries.integers().between(0, 0xffff).map(Message.Port::new),
                bytes(1024).map(Message.Bitfield::new),
                Combinators.combine(anyInt, anyInt, blockLength).as(Message.Request::new),
                Combinators.combine(anyInt, anyInt, blockLength).as(Message.Cancel::new),
                Combinators.combine(anyInt, anyInt, blockLength).as(Message.Reject::new),
                Combinators.combine(anyInt, anyInt, bytes(WireLimits.BLOCK)).as(Message.Piece::new),
                Combinators.combine(Arbitraries.integers().between(0, 0xff), bytes(4096))
                        .as(Message.Extended::new));
    }

    @Provide
    Arbitrary<List<Message>> streams() {
        return messages().list().ofMaxSize(20);
    }

    private static Arbitrary<byte[]> bytes(int maxLength) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength);
    }
}
