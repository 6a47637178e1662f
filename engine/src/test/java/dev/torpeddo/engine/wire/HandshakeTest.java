package dev.torpeddo.engine.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    private final InfoHash hash = InfoHash.ofHex("0123456789abcdef0123456789abcdef01234567");

    @Test
    void roundTripsAndAdvertisesFastAndExtensions() throws IOException {
        Handshake h = new Handshake(Handshake.ourReserved(), hash, "-TP0100-abcdefghijkl".getBytes(UTF_8));
        byte[] bytes = h.encode();
        assertThat(bytes).hasSize(68);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        Handshake back = Handshake.readHeader(in).withPeerId(Handshake.readPeerId(in));
        assertThat(back).isEqualTo(h);
        assertThat(back.supportsFast()).isTrue();
        assertThat(back.supportsExtensionProtocol()).isTrue();
        assertThat(back.supportsDht()).isFalse();
    }

    @Test
    void otherProtocolsAreRejected() {
        byte[] http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n...........................................".getBytes(UTF_8);
        assertThatThrownBy(() -> Handshake.readHeader(new DataInputStream(new ByteArrayInputStream(http))))
                .isInstanceOf(WireException.class)
                .hasMessage("not a BitTorrent handshake");
    }
}
