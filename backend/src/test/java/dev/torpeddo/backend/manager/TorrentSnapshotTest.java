package dev.torpeddo.backend.manager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.TrackerInfo;
import dev.torpeddo.engine.api.TrackerInfo.Status;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What the list's tracker filters group by: each torrent's tracker hosts and one word for their health. */
class TorrentSnapshotTest {

    private static TrackerInfo tracker(String url, int tier, Status status) {
        return new TrackerInfo(
                URI.create(url),
                tier,
                status,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                OptionalInt.empty(),
                OptionalInt.empty(),
                OptionalInt.empty());
    }

    @Test
    void hostsAreListedOnceEachInTierOrderAndLowerCase() {
        List<TrackerInfo> trackers = List.of(
                tracker("udp://Tracker.Example.org:6969/announce", 0, Status.WORKING),
                tracker("https://tracker.example.org/announce", 0, Status.ERROR),
                tracker("http://backup.example.net:80/a", 1, Status.NOT_CONTACTED));
        assertThat(TorrentSnapshot.trackerHosts(trackers)).containsExactly("tracker.example.org", "backup.example.net");
        assertThat(TorrentSnapshot.trackerHosts(List.of())).isEmpty();
    }

    @Test
    void oneWorkingTrackerIsEnoughAndOnlyFailuresAreAnError() {
        assertThat(TorrentSnapshot.trackerStatus(List.of())).isEqualTo("none");
        assertThat(TorrentSnapshot.trackerStatus(
                        List.of(tracker("http://a/x", 0, Status.ERROR), tracker("http://b/x", 1, Status.WORKING))))
                .isEqualTo("working");
        assertThat(TorrentSnapshot.trackerStatus(List.of(
                        tracker("http://a/x", 0, Status.ERROR), tracker("http://b/x", 1, Status.NOT_CONTACTED))))
                .isEqualTo("error");
        assertThat(TorrentSnapshot.trackerStatus(List.of(tracker("http://a/x", 0, Status.NOT_CONTACTED))))
                .isEqualTo("not_contacted");
    }
}
