package dev.torpeddo.backend.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class DeltaTrackerTest {
    private final DeltaTracker tracker = new DeltaTracker();
    private final ObjectNode session = Json.MAPPER.createObjectNode().put("download_rate", 0);

    private static ObjectNode torrent(String id, long active, long nextAnnounce, long rate) {
        return Json.MAPPER
                .createObjectNode()
                .put("id", id)
                .put("state", "seeding")
                .put("active_seconds", active)
                .put("seeding_seconds", active)
                .put("next_announce", nextAnnounce)
                .put("upload_rate", rate);
    }

    private static final int STEP = 60;

    @Test
    void withoutAClockStepEveryTickIsSent() {
        tracker.advance(List.of(torrent("a", 100, 1800, 0)), session);
        assertThat(tracker.advance(List.of(torrent("a", 101, 1799, 0)), session).torrents())
                .singleElement()
                .satisfies(t -> assertThat(t.get("active_seconds").asLong()).isEqualTo(101));
    }

    @Test
    void anIdleRunningTorrentLeavesDeltasWhileItsClocksOnlyCount() {
        tracker.clockStep(STEP);
        tracker.advance(List.of(torrent("a", 100, 1800, 0)), session);
        for (int s = 1; s < STEP; s++) {
            DeltaTracker.Delta d = tracker.advance(List.of(torrent("a", 100 + s, 1800 - s, 0)), session);
            assertThat(d.torrents()).as("second %d", s).isEmpty();
        }
        // A minute on, the clocks are sent again, so a client that counts on its own drifts by less than that.
        DeltaTracker.Delta d = tracker.advance(List.of(torrent("a", 160, 1740, 0)), session);
        assertThat(d.torrents()).singleElement().satisfies(t -> {
            assertThat(t.get("active_seconds").asLong()).isEqualTo(160);
            assertThat(t.get("next_announce").asLong()).isEqualTo(1740);
        });
    }

    @Test
    void clocksTravelWithAnyOtherChangeOfTheirTorrent() {
        tracker.clockStep(STEP);
        tracker.advance(List.of(torrent("a", 100, 1800, 0)), session);
        DeltaTracker.Delta d = tracker.advance(List.of(torrent("a", 101, 1799, 5000)), session);
        assertThat(d.torrents()).singleElement().satisfies(t -> {
            assertThat(t.get("upload_rate").asLong()).isEqualTo(5000);
            assertThat(t.get("active_seconds").asLong()).isEqualTo(101);
            assertThat(t.get("seeding_seconds").asLong()).isEqualTo(101);
            assertThat(t.get("next_announce").asLong()).isEqualTo(1799);
        });
    }

    @Test
    void aClockThatDoesNotSimplyCountIsSentAtOnce() {
        tracker.clockStep(STEP);
        tracker.advance(List.of(torrent("a", 100, 20, 0)), session);
        // An announce happened: the next one is due much later, which no client could guess.
        assertThat(tracker.advance(List.of(torrent("a", 101, 1800, 0)), session).torrents())
                .singleElement()
                .satisfies(t -> assertThat(t.get("next_announce").asLong()).isEqualTo(1800));
        // No announce due any more, and a counter set back (a recheck resets nothing, but a re-add could).
        assertThat(tracker.advance(List.of(torrent("a", 102, -1, 0)), session).torrents())
                .singleElement()
                .satisfies(t -> assertThat(t.get("next_announce").asLong()).isEqualTo(-1));
        assertThat(tracker.advance(List.of(torrent("a", 3, -1, 0)), session).torrents())
                .singleElement()
                .satisfies(t -> assertThat(t.get("active_seconds").asLong()).isEqualTo(3));
    }

    @Test
    void syncReturnsTheClocksLastSentSoTheClientAndTheDeltasAgree() {
        tracker.clockStep(STEP);
        tracker.advance(List.of(torrent("a", 100, 1800, 0)), session);
        long known = tracker.revision();
        tracker.advance(List.of(torrent("a", 110, 1790, 0)), session);
        DeltaTracker.Delta full = tracker.since(0);
        assertThat(full.torrents())
                .singleElement()
                .satisfies(t -> assertThat(t.get("active_seconds").asLong()).isEqualTo(100));
        assertThat(tracker.since(known).torrents()).as("nothing sent since").isEmpty();
    }
}
