package dev.torpeddo.engine.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NodeIdTest {
    private static final NodeId ZERO = NodeId.ofHex("0000000000000000000000000000000000000000");

    @Test
    void commonPrefixCountsLeadingEqualBits() {
        assertThat(ZERO.commonPrefixBits(ZERO)).isEqualTo(160);
        assertThat(ZERO.commonPrefixBits(NodeId.ofHex("8000000000000000000000000000000000000000")))
                .isZero();
        assertThat(ZERO.commonPrefixBits(NodeId.ofHex("0100000000000000000000000000000000000000")))
                .isEqualTo(7);
        assertThat(ZERO.commonPrefixBits(NodeId.ofHex("0000000000000000000000000000000000000001")))
                .isEqualTo(159);
    }

    @Test
    void distanceIsXorAndOrdersByIt() {
        NodeId a = NodeId.ofHex("00000000000000000000000000000000000000f0");
        NodeId b = NodeId.ofHex("000000000000000000000000000000000000000f");
        assertThat(a.distance(b)[19]).isEqualTo((byte) 0xff);
        assertThat(NodeId.byDistanceTo(ZERO).compare(a, b)).isPositive();
        // Seen from ...ff, a is at 0x0f and b at 0xf0: the order flips.
        assertThat(NodeId.byDistanceTo(NodeId.ofHex("00000000000000000000000000000000000000ff"))
                        .compare(a, b))
                .isNegative();
        assertThat(NodeId.byDistanceTo(ZERO).compare(a, a)).isZero();
    }

    @Test
    void randomWithPrefixLandsInTheRequestedBucket() {
        Random random = new Random(1);
        NodeId self = NodeId.random(random);
        for (int prefix = 0; prefix < 160; prefix++) {
            assertThat(self.commonPrefixBits(self.randomWithPrefix(prefix, random)))
                    .isEqualTo(prefix);
        }
    }

    @Test
    void aTorrentsPointInIdSpaceHasItsBytesButIsNoInfoHash() {
        InfoHash hash = InfoHash.ofHex("c0ffeec0ffeec0ffeec0ffeec0ffeec0ffee0001");
        NodeId id = NodeId.of(hash);
        assertThat(id.hex()).isEqualTo(hash.hex());
        assertThat(id).isEqualTo(NodeId.ofHex(hash.hex())).isNotEqualTo(hash);
    }

    @Test
    void refusesWrongLengths() {
        assertThatThrownBy(() -> new NodeId(new byte[19])).hasMessage("a node id has 20 bytes, got 19");
    }
}
