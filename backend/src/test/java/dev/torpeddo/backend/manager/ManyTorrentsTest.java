package dev.torpeddo.backend.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One manager holding many torrents. A deadlock here hangs rather than fails, so each test has a generous
 * bound: a guard, not a measurement.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ManyTorrentsTest {
    private static final int N = 1000;

    @TempDir
    Path tmp;

    @Test
    void aThousandTorrentsAreAllBackInTheirStatesAfterARestart() throws Exception {
        Path data = tmp.resolve("data");
        var fixture = new ManagerFixture(tmp.resolve("state"));
        fixture.overrides = s -> ManyTorrents.unqueued(s, data);
        List<ManyTorrents.Item> items = ManyTorrents.create(data, N, 10);
        Map<String, TorrentState> expected;
        try (var open = fixture.open()) {
            TorrentManager m = open.manager();
            expected = ManyTorrents.addAll(m, data, items);
            assertThat(expected).hasSize(N);
            awaitAll(m, expected);
        }
        // Every tenth is paused, and those are all among the finished (even) ones.
        assertThat(expected.values()).filteredOn(s -> s == TorrentState.SEEDING).hasSize(400);
        assertThat(expected.values())
                .filteredOn(s -> s == TorrentState.DOWNLOADING)
                .hasSize(500);
        assertThat(expected.values()).filteredOn(s -> s == TorrentState.PAUSED).hasSize(100);

        try (var open = fixture.open()) {
            TorrentManager m = open.manager();
            assertThat(m.startupProblems()).isEmpty();
            assertThat(m.status(List.of()))
                    .extracting(TorrentSnapshot::id)
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
            awaitAll(m, expected);
            assertThat(m.status(List.of()))
                    .filteredOn(s -> s.state().equals("seeding"))
                    .allSatisfy(s -> assertThat(s.piecesDone()).isEqualTo(s.pieceCount()));
        }
    }

    @Test
    void closingSavesEveryResumeRecordEvenWhenMoreTorrentsSaveAtOnceThanTheDiskQueueHolds() throws Exception {
        // Closing asks the engine for every record at once, more than its disk queue (64) holds: the records
        // that are done must not wait on a disk thread for the manager while the manager waits for the queue.
        Path data = tmp.resolve("data");
        var fixture = new ManagerFixture(tmp.resolve("state"));
        fixture.overrides = s -> ManyTorrents.unqueued(s, data);
        List<ManyTorrents.Item> items = ManyTorrents.create(data, 200, 0).stream()
                .filter(ManyTorrents.Item::finished)
                .toList();
        Map<String, TorrentState> expected;
        try (var open = fixture.open()) {
            expected = ManyTorrents.addAll(open.manager(), data, items);
            awaitAll(open.manager(), expected);
        }
        for (String id : expected.keySet()) {
            byte[] record =
                    Files.readAllBytes(fixture.stateDir.resolve("torrents").resolve(id + ".json"));
            assertThat(SettingsFile.JSON.readTree(record).hasNonNull("engine_resume"))
                    .as(id + " has the engine's resume record")
                    .isTrue();
        }
    }

    private static void awaitAll(TorrentManager m, Map<String, TorrentState> expected) throws Exception {
        ManagerFixture.waitFor("all " + expected.size() + " torrents in their states", () -> {
            m.housekeep();
            try {
                return ManyTorrents.notYet(m, expected) == 0;
            } catch (ManagerException e) {
                throw new AssertionError(e);
            }
        });
    }
}
