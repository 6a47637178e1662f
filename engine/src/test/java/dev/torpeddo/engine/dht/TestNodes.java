package dev.torpeddo.engine.dht;

import java.net.InetSocketAddress;
import java.util.random.RandomGenerator;

/** Node ids and contacts built bit by bit, for routing table tests. */
final class TestNodes {
    private TestNodes() {}

    /** An id sharing exactly {@code prefix} leading bits with {@code self}, otherwise random. */
    static NodeId idWithPrefix(NodeId self, int prefix, RandomGenerator random) {
        return self.randomWithPrefix(prefix, random);
    }

    static CompactNode node(NodeId id, int port) {
        return new CompactNode(id, new InetSocketAddress("10.0." + (port >> 8 & 0xff) + "." + (port & 0xff), port));
    }
}
