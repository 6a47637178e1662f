package dev.torpeddo.backend.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueuePolicyTest {
    private static final Settings.Queue TWO_DOWN_ONE_SEED_THREE_TOTAL = new Settings.Queue(true, 2, 1, 3, 2048, 60);

    private static QueuePolicy.Candidate download(String id) {
        return new QueuePolicy.Candidate(id, false, false, false, false, false);
    }

    private static QueuePolicy.Candidate seed(String id) {
        return new QueuePolicy.Candidate(id, false, false, false, true, false);
    }

    @Test
    void torrentsRunInQueueOrderUpToEachLimit() {
        var run = QueuePolicy.decide(
                TWO_DOWN_ONE_SEED_THREE_TOTAL,
                List.of(download("a"), seed("s1"), download("b"), download("c"), seed("s2")));
        assertThat(run).containsExactlyInAnyOrder("a", "s1", "b");
    }

    @Test
    void theTotalLimitCapsDownloadsAndSeedsTogether() {
        var q = new Settings.Queue(true, 5, 5, 2, 2048, 60);
        assertThat(QueuePolicy.decide(q, List.of(seed("s"), download("a"), download("b"))))
                .containsExactlyInAnyOrder("s", "a");
    }

    @Test
    void pausedAndFailedNeverRunForcedAlwaysRunAndTakeNoSlot() {
        var paused = new QueuePolicy.Candidate("p", true, false, false, false, false);
        var failed = new QueuePolicy.Candidate("f", false, true, false, false, false);
        var forced = new QueuePolicy.Candidate("x", false, false, true, false, false);
        var run = QueuePolicy.decide(
                TWO_DOWN_ONE_SEED_THREE_TOTAL,
                List.of(paused, failed, forced, download("a"), download("b"), download("c")));
        assertThat(run).containsExactlyInAnyOrder("x", "a", "b");
    }

    @Test
    void aStalledTorrentKeepsRunningWithoutHoldingItsSlot() {
        var stalled = new QueuePolicy.Candidate("a", false, false, false, false, true);
        var run = QueuePolicy.decide(
                TWO_DOWN_ONE_SEED_THREE_TOTAL, List.of(stalled, download("b"), download("c"), download("d")));
        assertThat(run).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void withoutAQueueEveryTorrentNotPausedRuns() {
        var off = new Settings.Queue(false, 0, 0, 0, 2048, 60);
        var paused = new QueuePolicy.Candidate("p", true, false, false, false, false);
        assertThat(QueuePolicy.decide(off, List.of(download("a"), seed("s"), paused)))
                .containsExactlyInAnyOrder("a", "s");
    }

    @Test
    void minusOneMeansNoLimit() {
        var unlimited = new Settings.Queue(true, -1, 0, -1, 2048, 60);
        assertThat(QueuePolicy.decide(unlimited, List.of(download("a"), download("b"), seed("s"))))
                .containsExactlyInAnyOrder("a", "b");
    }
}
