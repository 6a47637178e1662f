package dev.torpeddo.engine.torrent;

import static dev.torpeddo.engine.torrent.TestSwarm.loopbackConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.TorrentEvent;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.api.TrackerInfo;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.MetainfoParser;
import dev.torpeddo.engine.metainfo.TorrentBuilder;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import dev.torpeddo.engine.tracker.FakeHttpTracker;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeding torrent and its one HTTP tracker (a fake on loopback): announce answers as events, and the
 * tracker list with the counts of announces and scrapes. The scrape schedule itself is in {@code ScraperTest}.
 */
class TrackerLinkTest {
    @TempDir
    Path tmp;

    private final FakeHttpTracker tracker = newTracker();
    private final List<TorrentEvent> events = new CopyOnWriteArrayList<>();
    private volatile byte[] announceBody;
    private volatile byte[] scrapeBody;
    private volatile int scrapeStatus = 200;
    private byte[] onePeer;

    private static FakeHttpTracker newTracker() {
        try {
            return new FakeHttpTracker();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void answerByPath() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // the peer the tracker names: loopback, nobody listening
        }
        onePeer = new byte[] {127, 0, 0, 1, (byte) (closedPort >> 8), (byte) closedPort};
        tracker.handler = exchange -> {
            if (exchange.getRequestURI().getPath().equals("/scrape")) {
                FakeHttpTracker.respond(exchange, scrapeStatus, scrapeStatus == 200 ? scrapeBody : new byte[0]);
            } else {
                FakeHttpTracker.respond(exchange, 200, announceBody);
            }
        };
    }

    @AfterEach
    void close() {
        tracker.close();
    }

    private Metainfo seededTorrent() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "tracked", 21, 50_000);
        return MetainfoParser.parse(TorrentBuilder.from(content)
                .pieceLength(16 * 1024)
                .tracker(tracker.announceUri().toString())
                .build());
    }

    private TorrentHandle seed(Session s, Metainfo meta) throws Exception {
        s.addListener(events::add);
        TorrentHandle h = s.add(AddTorrent.of(meta, tmp.resolve("seed")));
        SwarmTest.awaitState(h, TorrentState.SEEDING);
        return h;
    }

    private long requests(String path) {
        return tracker.paths.stream().filter(path::equals).count();
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    private static TrackerInfo only(TorrentHandle h) {
        assertThat(h.trackers()).hasSize(1);
        return h.trackers().getFirst();
    }

    @Test
    void aTrackerAddedToARunningTorrentThatHadNoneIsAnnouncedTo() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "untracked", 22, 50_000);
        Metainfo meta = MetainfoParser.parse(
                TorrentBuilder.from(content).pieceLength(16 * 1024).build());
        announceBody = FakeHttpTracker.announceBody(1800, 2, 1, onePeer);
        try (Session s = Session.start(loopbackConfig())) {
            TorrentHandle h = seed(s, meta);
            assertThat(h.trackers()).isEmpty();
            h.addTrackers(List.of(tracker.announceUri()));
            eventually("the new tracker announced to", () -> requests("/announce") > 0);
            eventually("it shows as working", () -> only(h).status() == TrackerInfo.Status.WORKING);
        }
    }

    @Test
    void anAnsweredAnnounceIsReportedAsAnEvent() throws Exception {
        Metainfo meta = seededTorrent();
        announceBody = FakeHttpTracker.announceBody(1800, 2, 1, onePeer);
        scrapeBody = FakeHttpTracker.scrapeBody(meta.infoHash(), 8, 9, 21);
        try (Session s = Session.start(loopbackConfig())) {
            seed(s, meta);
            eventually("TrackerReplied", () -> events.stream().anyMatch(e -> e instanceof TorrentEvent.TrackerReplied));
            assertThat(events)
                    .filteredOn(e -> e instanceof TorrentEvent.TrackerReplied)
                    .first()
                    .isEqualTo(new TorrentEvent.TrackerReplied(meta.infoHash(), tracker.announceUri(), 1));
            assertThat(events).noneMatch(e -> e instanceof TorrentEvent.TrackerFailed);
        }
    }

    @Test
    void scrapeCountsShowInTheTrackerListAndTheNewerAnswerWins() throws Exception {
        Metainfo meta = seededTorrent();
        announceBody = FakeHttpTracker.announceBody(1800, 2, 1, onePeer);
        scrapeBody = FakeHttpTracker.scrapeBody(meta.infoHash(), 8, 9, 21);
        try (Session s = Session.start(loopbackConfig())) {
            TorrentHandle h = seed(s, meta);

            // Scraped once after the first announce: the scrape is newer, so its counts show.
            eventually("scrape counts", () -> only(h).downloaded().isPresent());
            TrackerInfo t = only(h);
            assertThat(t.status()).isEqualTo(TrackerInfo.Status.WORKING);
            assertThat(t.seeders()).hasValue(8);
            assertThat(t.leechers()).hasValue(9);
            assertThat(t.downloaded()).hasValue(21);
            assertThat(h.status().peers().swarmSeeds()).hasValue(8);

            // A newer announce answer wins for seeders and leechers; only a scrape says "downloaded".
            h.forceReannounce();
            eventually("announce counts again", () -> only(h).seeders().equals(java.util.OptionalInt.of(2)));
            assertThat(only(h).leechers()).hasValue(1);
            assertThat(only(h).downloaded()).hasValue(21);

            // "Scrape now" asks at once, well inside the 30 minutes.
            scrapeBody = FakeHttpTracker.scrapeBody(meta.infoHash(), 5, 6, 22);
            h.scrape();
            eventually("scraped on request", () -> only(h).downloaded().equals(java.util.OptionalInt.of(22)));
            assertThat(only(h).seeders()).hasValue(5);
            assertThat(requests("/scrape")).isEqualTo(2);

            // Paused: the last counts stay in the list.
            h.pause();
            assertThat(only(h).downloaded()).hasValue(22);
        }
    }

    @Test
    void aFailedScrapeLeavesTheTrackerWorking() throws Exception {
        Metainfo meta = seededTorrent();
        announceBody = FakeHttpTracker.announceBody(1800, 2, 1, onePeer);
        scrapeStatus = 500;
        try (Session s = Session.start(loopbackConfig())) {
            TorrentHandle h = seed(s, meta);
            eventually("first scrape asked", () -> requests("/scrape") == 1);
            // A second request can only start once the first has ended, so the failure has been taken in.
            // At least two: a request made between two looks may already be followed by a third.
            eventually("second scrape asked", () -> {
                if (requests("/scrape") >= 2) return true;
                h.scrape();
                return false;
            });

            TrackerInfo t = only(h);
            assertThat(t.status()).isEqualTo(TrackerInfo.Status.WORKING);
            assertThat(t.message()).isEmpty();
            assertThat(t.seeders()).hasValue(2);
            assertThat(t.downloaded()).isEmpty();
            assertThat(events).noneMatch(e -> e instanceof TorrentEvent.TrackerFailed);
            assertThat(requests("/announce")).as("announces go on as before").isEqualTo(1);
        }
    }
}
