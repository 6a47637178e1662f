package dev.torpeddo.engine.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Comparator;
import java.util.OptionalInt;

/** What every tracker reply parser promises, HTTP or UDP, asserted by their fuzz targets. */
final class TrackerFuzzChecks {
    static final URI TRACKER = URI.create("udp://tracker.invalid:6969/announce");

    private TrackerFuzzChecks() {}

    /**
     * An announce answer is usable as is: intervals clamped as {@link AnnounceResponse} documents, at most
     * {@code maxPeers} distinct peers (one per compact entry the reply had room for), each an address literal
     * with a port somebody can listen on, and no negative counts.
     */
    static void assertSane(AnnounceResponse response, int maxPeers) {
        assertThat(response.interval()).isBetween(AnnounceResponse.MIN_INTERVAL, AnnounceResponse.MAX_INTERVAL);
        response.minInterval().ifPresent(min -> assertThat(min).isPositive().isLessThanOrEqualTo(response.interval()));
        assertThat(response.peers()).hasSizeLessThanOrEqualTo(maxPeers).doesNotHaveDuplicates();
        for (InetSocketAddress peer : response.peers()) {
            assertThat(peer.isUnresolved()).isFalse();
            assertThat(peer.getAddress().getAddress().length).isIn(4, 16);
            assertThat(peer.getPort()).isBetween(1, 65535);
        }
        assertNotNegative(response.seeders());
        assertNotNegative(response.leechers());
    }

    private static void assertNotNegative(OptionalInt count) {
        count.ifPresent(c -> assertThat(c).isNotNegative());
    }

    /** A refusal reaches logs and the UI as one printable line of bounded length, however long the reply. */
    static void assertOneLine(String detail) {
        String message = new TrackerException(TRACKER, detail).getMessage();
        assertThat(message).doesNotContainPattern("\\p{Cntrl}");
        assertThat(message.length()).isLessThanOrEqualTo(("tracker " + TRACKER + ": ").length() + 301);
    }

    /** Peers compared as a set: a re-rendered reply may list IPv4 and IPv6 peers in another order. */
    static AnnounceResponse withoutPeerOrder(AnnounceResponse r) {
        return new AnnounceResponse(
                r.interval(),
                r.minInterval(),
                r.peers().stream()
                        .sorted(Comparator.comparing(InetSocketAddress::toString))
                        .toList(),
                r.seeders(),
                r.leechers(),
                r.warningMessage(),
                r.trackerId());
    }
}
