package dev.torpeddo.engine.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClientNameTest {
    private static byte[] id(String prefix) {
        byte[] id = new byte[20];
        byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(p, 0, id, 0, p.length);
        for (int i = p.length; i < 20; i++) id[i] = (byte) ('a' + i);
        return id;
    }

    @Test
    void theExtensionHandshakeNameWins() {
        assertThat(ClientName.of(id("-qB4650-"), "qBittorrent/4.6.5")).isEqualTo("qBittorrent/4.6.5");
    }

    @Test
    void azureusStylePeerIdsAreDecoded() {
        assertThat(ClientName.of(id("-qB4650-"), "")).isEqualTo("qBittorrent 4.6.5");
        assertThat(ClientName.of(id("-LT2080-"), "")).isEqualTo("libtorrent 2.0.8");
        assertThat(ClientName.of(id("-TR4040-"), "")).isEqualTo("Transmission 4.0.4");
        assertThat(ClientName.of(id("-TP0100-"), "")).isEqualTo("Torpeddo 0.1");
        assertThat(ClientName.of(id("-UT355W-"), "")).isEqualTo("µTorrent 3.5.5.32");
    }

    @Test
    void otherConventionsAreDecoded() {
        assertThat(ClientName.of(id("A2-1-36-0-"), "")).isEqualTo("aria2 1.36.0");
        assertThat(ClientName.of(id("M7-2-2--"), "")).isEqualTo("Mainline 7.2.2");
    }

    @Test
    void unknownOrHostileIdsAreUnknownAndNamesArePrintable() {
        assertThat(ClientName.of(id("-ZZ1234-"), "")).isEqualTo("Unknown");
        assertThat(ClientName.of(new byte[20], "")).isEqualTo("Unknown");
        assertThat(ClientName.of(new byte[3], "")).isEqualTo("Unknown");
        assertThat(ClientName.of(id("-qB4650-"), "evil\u0000\u001b[31mname\n")).isEqualTo("evil[31mname");
        assertThat(ClientName.of(id("-qB4650-"), "x".repeat(500))).hasSize(64);
    }
}
