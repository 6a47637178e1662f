package dev.torpeddo.engine.tracker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnnouncerTest {
    private static final InfoHash HASH = InfoHash.ofHex("0123456789abcdef0123456789abcdef01234567");
    private static final byte[] PEER_ID = "-TP0001-abcdefghijkl".getBytes(UTF_8);
    private static final byte[] ONE_PEER = {10, 0, 0, 1, 0x1a, (byte) 0xe1};
    /** Fast retries and no min interval, so tests can drive several rounds quickly. */
    private static final Announcer.Settings FAST = new Announcer.Settings(
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ZERO, Duration.ofSeconds(5), 50);

    private final List<FakeHttpTracker> fakes = new CopyOnWriteArrayList<>();
    private final List<List<InetSocketAddress>> delivered = new CopyOnWriteArrayList<>();
    private Announcer announcer;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (announcer != null) announcer.stop();
        fakes.forEach(FakeHttpTracker::close);
    }

    private FakeHttpTracker working() throws IOException {
        FakeHttpTracker f = new FakeHttpTracker();
        f.reply(TestBencode.encode(Map.of("interval", 1800, "complete", 2, "incomplete", 1, "peers", ONE_PEER)));
        fakes.add(f);
        return f;
    }

    private FakeHttpTracker failing() throws IOException {
        FakeHttpTracker f = new FakeHttpTracker();
        f.reply(TestBencode.encode(Map.of("failure reason", "go away")));
        fakes.add(f);
        return f;
    }

    private Announcer announcer(List<List<URI>> tiers) {
        announcer = new Announcer(
                HASH,
                tiers,
                PEER_ID,
                6881,
                TrackerTransport.defaults(),
                () -> new TransferStats(1, 2, 3),
                delivered::add,
                FAST);
        return announcer;
    }

    /** Waits for something the announcer thread does; fails the test if it never happens. */
    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 1000 && !condition.getAsBoolean(); i++) Thread.sleep(10);
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    private static String event(String query) {
        for (String part : query.split("&")) if (part.startsWith("event=")) return part.substring(6);
        return "none";
    }

    @Test
    void sendsStartedThenCompletedThenStoppedAndDeliversPeers() throws Exception {
        FakeHttpTracker t = working();
        Announcer a = announcer(List.of(List.of(t.announceUri())));

        a.start();
        eventually("started announced", () -> t.queries.size() == 1);
        eventually("peers delivered", () -> delivered.size() == 1);
        a.completed();
        eventually("completed announced", () -> t.queries.size() == 2);
        a.stop();

        assertThat(t.queries).extracting(AnnouncerTest::event).containsExactly("started", "completed", "stopped");
        assertThat(t.queries.getFirst()).contains("uploaded=1", "downloaded=2", "left=3", "port=6881");
        assertThat(delivered.getFirst()).containsExactly(new InetSocketAddress("10.0.0.1", 6881));
    }

    @Test
    void completedIsSentOnlyOnce() throws Exception {
        FakeHttpTracker t = working();
        Announcer a = announcer(List.of(List.of(t.announceUri())));
        a.start();
        a.completed();
        eventually("started and completed", () -> delivered.size() == 2);
        a.announceNow();
        eventually("regular announce", () -> t.queries.size() == 3);

        assertThat(t.queries).extracting(AnnouncerTest::event).containsExactly("started", "completed", "none");
    }

    @Test
    void fallsBackToTheNextTierOnlyWhenTheWholeTierFails() throws Exception {
        FakeHttpTracker bad1 = failing();
        FakeHttpTracker bad2 = failing();
        FakeHttpTracker good = working();
        Announcer a = announcer(List.of(List.of(bad1.announceUri(), bad2.announceUri()), List.of(good.announceUri())));

        a.start();
        eventually("second tier reached", () -> delivered.size() == 1);

        assertThat(bad1.queries).hasSize(1);
        assertThat(bad2.queries).hasSize(1);
        assertThat(event(good.queries.getFirst())).isEqualTo("started");
        List<TrackerStatus> status = a.status();
        assertThat(status).extracting(TrackerStatus::tier).containsExactly(0, 0, 1);
        assertThat(status.get(0).lastError())
                .hasValueSatisfying(m -> assertThat(m).endsWith("failure reason: go away"));
        assertThat(status.get(2).lastError()).isEmpty();
        assertThat(status.get(2).sinceLastSuccess()).isPresent();
        assertThat(status.get(2).nextAnnounceIn()).isPresent();
        assertThat(status.get(2).peers()).isEqualTo(1);
        assertThat(status.get(2).seeders()).hasValue(2);

        // BEP 12: every round starts again at the first tier.
        a.announceNow();
        eventually("second round", () -> good.queries.size() == 2);
        assertThat(bad1.queries).hasSize(2);
    }

    @Test
    void aTrackerThatAnswersMovesToTheFrontOfItsTier() throws Exception {
        FakeHttpTracker bad = failing();
        FakeHttpTracker good = working();
        Announcer a = announcer(List.of(List.of(bad.announceUri(), good.announceUri())));

        a.start();
        eventually("announced", () -> delivered.size() == 1);
        int badAfterFirstRound = bad.queries.size();
        assertThat(a.status().getFirst().uri()).isEqualTo(good.announceUri());

        a.announceNow();
        eventually("second round", () -> good.queries.size() == 2);
        assertThat(bad.queries).hasSize(badAfterFirstRound);
    }

    @Test
    void retriesWithBackoffAfterFailureAndRecovers() throws Exception {
        FakeHttpTracker t = failing();
        Announcer a = announcer(List.of(List.of(t.announceUri())));

        a.start();
        eventually("several attempts", () -> t.queries.size() >= 3);
        assertThat(a.status().getFirst().lastError()).isPresent();
        assertThat(t.queries).extracting(AnnouncerTest::event).allMatch("started"::equals);

        t.reply(TestBencode.encode(Map.of("interval", 1800, "peers", ONE_PEER)));
        eventually("peers after recovery", () -> !delivered.isEmpty());
        eventually("error cleared", () -> a.status().getFirst().lastError().isEmpty());
    }

    @Test
    void announceNowRespectsTheTrackersMinInterval() throws Exception {
        FakeHttpTracker t = working();
        t.reply(TestBencode.encode(Map.of("interval", 1800, "min interval", 900, "peers", ONE_PEER)));
        Announcer a = announcer(List.of(List.of(t.announceUri())));
        a.start();
        eventually("started", () -> delivered.size() == 1);

        a.announceNow();
        a.stop();

        // The early announce was held back; only stopped followed started.
        assertThat(t.queries).extracting(AnnouncerTest::event).containsExactly("started", "stopped");
    }

    @Test
    void aForcedAnnounceIgnoresTheMinInterval() throws Exception {
        FakeHttpTracker t = working();
        t.reply(TestBencode.encode(Map.of("interval", 1800, "min interval", 900, "peers", ONE_PEER)));
        Announcer a = announcer(List.of(List.of(t.announceUri())));
        a.start();
        eventually("started", () -> delivered.size() == 1);

        a.forceAnnounce(); // what "force reannounce" in a UI does
        eventually("announced again", () -> delivered.size() == 2);
        a.stop();

        assertThat(t.queries).extracting(AnnouncerTest::event).containsExactly("started", "none", "stopped");
    }

    @Test
    void unusableUrlsShowAsErrorsWithoutStoppingTheOthers() throws Exception {
        FakeHttpTracker good = working();
        Announcer a = announcer(List.of(List.of(URI.create("wss://t.example/announce")), List.of(good.announceUri())));
        a.start();
        eventually("announced", () -> good.queries.size() == 1);
        assertThat(a.status().getFirst().lastError())
                .contains("tracker wss://t.example/announce: unsupported scheme 'wss'");
    }

    @Test
    void stopBeforeAnySuccessSendsNothing() throws Exception {
        FakeHttpTracker t = failing();
        Announcer a = announcer(List.of(List.of(t.announceUri())));
        a.start();
        eventually("tried", () -> !t.queries.isEmpty());
        a.stop();
        assertThat(t.queries).extracting(AnnouncerTest::event).doesNotContain("stopped");
    }
}
