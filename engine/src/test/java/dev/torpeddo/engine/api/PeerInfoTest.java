package dev.torpeddo.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The flag letters match what qBittorrent users know. */
class PeerInfoTest {
    @Test
    void downloadingFromAnUnchokingPeerThatWeAlsoServe() {
        assertThat(PeerInfo.flagsOf(true, false, true, false, false, false, false, PeerSource.TRACKER))
                .isEqualTo("D U");
    }

    @Test
    void chokedBothWaysIncomingFromPex() {
        assertThat(PeerInfo.flagsOf(true, true, true, true, false, true, false, PeerSource.PEX))
                .isEqualTo("d u I X");
    }

    @Test
    void unchokedButUninterestedBothWaysSnubbedFromDhtAndLsd() {
        assertThat(PeerInfo.flagsOf(false, false, false, false, true, false, false, PeerSource.DHT))
                .isEqualTo("K ? S H");
        assertThat(PeerInfo.flagsOf(false, true, false, true, false, false, true, PeerSource.LSD))
                .isEqualTo("E L");
    }

    @Test
    void aUtpPeerShowsP() {
        assertThat(PeerInfo.flagsOf(
                        true, false, false, true, false, true, false, PeerSource.INCOMING, PeerTransport.UTP))
                .isEqualTo("D I P");
        assertThat(PeerInfo.flagsOf(
                        true, false, false, true, false, true, false, PeerSource.INCOMING, PeerTransport.TCP))
                .isEqualTo("D I");
    }
}
