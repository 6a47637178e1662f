package dev.torpeddo.engine.tracker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Announces against the real opentracker, over HTTP and over UDP. */
class OpentrackerIT {
    private static final InfoHash LISTED = InfoHash.ofHex("0123456789abcdef0123456789abcdef01234567");
    private static final InfoHash UDP_LISTED = InfoHash.ofHex("89abcdef0123456789abcdef0123456789abcdef");
    private static final InfoHash ANNOUNCER_LISTED = InfoHash.ofHex("00112233445566778899aabbccddeeff00112233");
    private static final InfoHash UNLISTED = InfoHash.ofHex("fedcba9876543210fedcba9876543210fedcba98");

    private static OpentrackerProcess opentracker;
    private final TrackerTransport transport = TrackerTransport.defaults()
            .withHttpTimeout(Duration.ofSeconds(10))
            .withUdpRetry(new UdpRetryPolicy(Duration.ofSeconds(2), 3));

    @BeforeAll
    static void startTracker() throws Exception {
        opentracker = OpentrackerProcess.start(LISTED, UDP_LISTED, ANNOUNCER_LISTED);
    }

    @AfterAll
    static void stopTracker() {
        if (opentracker != null) opentracker.stop();
    }

    private static AnnounceRequest request(InfoHash hash, String peerId, int port, AnnounceEvent event) {
        return new AnnounceRequest(hash, peerId.getBytes(UTF_8), port, 0, 0, 1000, event, 50, port);
    }

    private void twoPeersSeeEachOther(URI url, InfoHash hash) throws Exception {
        Tracker tracker = Tracker.of(url, transport);
        tracker.announce(request(hash, "-TP0001-aaaaaaaaaaaa", 40001, AnnounceEvent.STARTED));
        AnnounceResponse second = tracker.announce(request(hash, "-TP0001-bbbbbbbbbbbb", 40002, AnnounceEvent.STARTED));
        AnnounceResponse first = tracker.announce(request(hash, "-TP0001-aaaaaaaaaaaa", 40001, AnnounceEvent.NONE));

        assertThat(second.peers()).contains(new InetSocketAddress(InetAddress.getLoopbackAddress(), 40001));
        assertThat(first.peers()).contains(new InetSocketAddress(InetAddress.getLoopbackAddress(), 40002));
        assertThat(first.leechers()).hasValue(2);
        assertThat(tracker.scrape(hash).incomplete()).isEqualTo(2);
    }

    @Test
    void peersFindEachOtherOverHttp() throws Exception {
        twoPeersSeeEachOther(opentracker.announceUrl(), LISTED);
    }

    @Test
    void peersFindEachOtherOverUdp() throws Exception {
        twoPeersSeeEachOther(opentracker.udpUrl(), UDP_LISTED);
    }

    @Test
    void anUnlistedTorrentIsRefusedWithTheTrackersReason() throws Exception {
        Tracker tracker = Tracker.of(opentracker.announceUrl(), transport);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> tracker.announce(request(UNLISTED, "-TP0001-cccccccccccc", 40003, AnnounceEvent.STARTED)))
                .isInstanceOf(TrackerException.class)
                .hasMessageContaining("failure reason: Requested download is not authorized");
    }

    @Test
    void anAnnouncerGetsPeersFromBothTransports() throws Exception {
        InfoHash hash = ANNOUNCER_LISTED;
        var received = new java.util.concurrent.CopyOnWriteArrayList<InetSocketAddress>();
        // Another peer is registered first, so the announcer has someone to find.
        Tracker.of(opentracker.udpUrl(), transport)
                .announce(request(hash, "-TP0001-dddddddddddd", 40004, AnnounceEvent.STARTED));
        Announcer announcer = new Announcer(
                hash,
                java.util.List.of(
                        java.util.List.of(opentracker.udpUrl()), java.util.List.of(opentracker.announceUrl())),
                "-TP0001-eeeeeeeeeeee".getBytes(UTF_8),
                40005,
                transport,
                () -> new TransferStats(0, 0, 1000),
                received::addAll,
                Announcer.Settings.DEFAULT);
        announcer.start();
        for (int i = 0; i < 500 && received.isEmpty(); i++) Thread.sleep(20);
        // The tracker that answered is scraped (on this thread); opentracker counts both peers as leechers.
        Scraper scraper = new Scraper(hash, transport, Runnable::run);
        scraper.start();
        scraper.tick(announcer.status());
        announcer.stop();
        assertThat(received).contains(new InetSocketAddress(InetAddress.getLoopbackAddress(), 40004));
        assertThat(scraper.counts().values())
                .singleElement()
                .satisfies(c -> assertThat(c.leechers()).isEqualTo(2));
    }
}
