package dev.torpeddo.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class HandshakePropertyTest {

    @Property
    void everyHandshakeReadsBackWithAllReservedBits(
            @ForAll @Size(8) byte[] reserved, @ForAll @Size(20) byte[] infoHash, @ForAll @Size(20) byte[] peerId)
            throws IOException {
        Handshake h = new Handshake(reserved, new InfoHash(infoHash), peerId);
        byte[] bytes = h.encode();
        assertThat(bytes).hasSize(Handshake.LENGTH);

        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        Handshake back = Handshake.readHeader(in).withPeerId(Handshake.readPeerId(in));
        assertThat(back).isEqualTo(h);
        assertThat(back.reserved()).isEqualTo(reserved);
        assertThat(back.supportsExtensionProtocol()).isEqualTo((reserved[5] & 0x10) != 0);
        assertThat(back.supportsFast()).isEqualTo((reserved[7] & 0x04) != 0);
        assertThat(back.supportsDht()).isEqualTo((reserved[7] & 0x01) != 0);
    }
}
