package dev.torpeddo.engine.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.ManualClock;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scrape schedule on a manual clock. Scrapes run on the calling thread here, so each {@link Scraper#tick}
 * has finished its scrapes when it returns; the trackers are fakes on loopback.
 */
class ScraperTest {
    private static final InfoHash HASH = InfoHash.ofHex("0123456789abcdef0123456789abcdef01234567");

    private final ManualClock clock = new ManualClock();
    private final TrackerTransport transport = TrackerTransport.defaults()
            .withUdpRetry(new UdpRetryPolicy(Duration.ofMillis(500), 2))
            .withClock(clock);
    private final Scraper scraper = new Scraper(HASH, transport, Runnable::run);
    private final FakeHttpTracker http = newHttp();

    private static FakeHttpTracker newHttp() {
        try {
            return new FakeHttpTracker();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() {
        http.close();
    }

    private static byte[] scrapeBody(int complete, int incomplete, int downloaded) {
        return FakeHttpTracker.scrapeBody(HASH, complete, incomplete, downloaded);
    }

    /** The announcer's row for a tracker, answered ({@code answered}) or not yet. */
    private static TrackerStatus row(URI uri, boolean answered, Optional<Duration> minInterval) {
        return new TrackerStatus(
                uri,
                0,
                Optional.empty(),
                answered ? Optional.of(Duration.ofSeconds(1)) : Optional.empty(),
                Optional.empty(),
                0,
                OptionalInt.empty(),
                OptionalInt.empty(),
                minInterval);
    }

    private static TrackerStatus answered(URI uri) {
        return row(uri, true, Optional.empty());
    }

    private long scrapes() {
        return http.paths.stream().filter("/scrape"::equals).count();
    }

    @Test
    void aTrackerIsScrapedOnceItAnsweredAnAnnounceAndItsCountsAreKept() {
        http.reply(scrapeBody(8, 9, 21));
        scraper.start();

        scraper.tick(List.of(row(http.announceUri(), false, Optional.empty())));
        assertThat(http.paths).as("not before it answered an announce").isEmpty();

        scraper.tick(List.of(answered(http.announceUri())));
        assertThat(http.paths).containsExactly("/scrape");
        Scraper.Counts counts = scraper.counts().get(http.announceUri());
        assertThat(counts.seeders()).isEqualTo(8);
        assertThat(counts.leechers()).isEqualTo(9);
        assertThat(counts.downloaded()).isEqualTo(21);
        assertThat(counts.atNanos()).isEqualTo(clock.nanoTime());
    }

    @Test
    void aTrackerIsScrapedAgainEveryThirtyMinutes() {
        http.reply(scrapeBody(1, 2, 3));
        scraper.start();
        List<TrackerStatus> rows = List.of(answered(http.announceUri()));

        scraper.tick(rows);
        scraper.tick(rows);
        clock.advance(Duration.ofMinutes(29));
        scraper.tick(rows);
        assertThat(scrapes()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        scraper.tick(rows);
        assertThat(scrapes()).isEqualTo(2);
        scraper.tick(rows);
        assertThat(scrapes()).isEqualTo(2);
    }

    @Test
    void aLongerMinIntervalFromTheTrackerIsRespected() {
        http.reply(scrapeBody(1, 2, 3));
        scraper.start();
        List<TrackerStatus> rows = List.of(row(http.announceUri(), true, Optional.of(Duration.ofMinutes(45))));

        scraper.tick(rows);
        clock.advance(Duration.ofMinutes(44));
        scraper.tick(rows);
        assertThat(scrapes()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        scraper.tick(rows);
        assertThat(scrapes()).isEqualTo(2);
    }

    @Test
    void anHttpTrackerWithoutAScrapeUrlIsNeverAsked() {
        URI noScrape = http.uri("/tracker.php"); // BEP 48: the last segment must start with "announce"
        scraper.start();

        scraper.tick(List.of(answered(noScrape)));
        clock.advance(Duration.ofHours(1));
        scraper.tick(List.of(answered(noScrape)));
        scraper.scrapeAll(List.of(noScrape));

        assertThat(http.paths).isEmpty();
        assertThat(scraper.counts()).isEmpty();
    }

    @Test
    void aFailedScrapeKeepsTheLastCountsAndWaitsThirtyMinutesToo() {
        http.reply(scrapeBody(4, 5, 6));
        scraper.start();
        List<TrackerStatus> rows = List.of(answered(http.announceUri()));
        scraper.tick(rows);

        http.handler = exchange -> FakeHttpTracker.respond(exchange, 500, new byte[0]);
        clock.advance(Duration.ofMinutes(30));
        scraper.tick(rows);
        assertThat(scrapes()).isEqualTo(2);
        assertThat(scraper.counts().get(http.announceUri()).downloaded()).isEqualTo(6);

        clock.advance(Duration.ofMinutes(29));
        scraper.tick(rows);
        assertThat(scrapes()).as("no retry before the interval").isEqualTo(2);
    }

    @Test
    void aUdpTrackerIsScrapedWithItsOwnPackets() throws IOException {
        try (FakeUdpTracker udp = new FakeUdpTracker()) {
            scraper.start();
            scraper.tick(List.of(answered(udp.uri())));

            assertThat(udp.count(UdpPackets.SCRAPE)).isEqualTo(1);
            Scraper.Counts counts = scraper.counts().get(udp.uri());
            // The fake's scrape answer: 8 seeders, 21 completed, 9 leechers.
            assertThat(counts.seeders()).isEqualTo(8);
            assertThat(counts.leechers()).isEqualTo(9);
            assertThat(counts.downloaded()).isEqualTo(21);
        }
    }

    @Test
    void scrapeAllAsksEveryTrackerAtOnceWhateverTheInterval() throws IOException {
        http.reply(scrapeBody(1, 2, 3));
        try (FakeUdpTracker udp = new FakeUdpTracker()) {
            scraper.start();
            scraper.tick(List.of(answered(http.announceUri())));

            // The HTTP tracker was scraped a moment ago; the UDP one never answered an announce.
            scraper.scrapeAll(List.of(http.announceUri(), udp.uri()));

            assertThat(scrapes()).isEqualTo(2);
            assertThat(udp.count(UdpPackets.SCRAPE)).isEqualTo(1);
            assertThat(scraper.counts()).containsOnlyKeys(http.announceUri(), udp.uri());
        }
    }

    @Test
    void nothingIsScrapedWhileStoppedAndTheCountsStay() {
        http.reply(scrapeBody(1, 2, 3));
        List<TrackerStatus> rows = List.of(answered(http.announceUri()));
        scraper.tick(rows);
        assertThat(http.paths).as("not started").isEmpty();

        scraper.start();
        scraper.tick(rows);
        scraper.stop();
        clock.advance(Duration.ofHours(1));
        scraper.tick(rows);
        scraper.scrapeAll(List.of(http.announceUri()));

        assertThat(scrapes()).isEqualTo(1);
        assertThat(scraper.counts()).containsKey(http.announceUri());
    }

    @Test
    void aRemovedTrackerIsForgotten() {
        http.reply(scrapeBody(1, 2, 3));
        scraper.start();
        scraper.tick(List.of(answered(http.announceUri())));

        scraper.retain(List.of());

        assertThat(scraper.counts()).isEmpty();
    }
}
