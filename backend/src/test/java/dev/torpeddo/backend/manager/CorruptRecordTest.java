package dev.torpeddo.backend.manager;

import static dev.torpeddo.backend.manager.ManagerFixture.content;
import static dev.torpeddo.backend.manager.ManagerFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * A state directory where one torrent's files were damaged (a crash while the disk was failing, an editor, a
 * bad copy): the manager opens all the same, the other torrent comes back as it was (still trusted, not read),
 * and the damaged one is checked in full, fetched again from its info-hash, or shown with an error of its own.
 */
class CorruptRecordTest {
    @TempDir
    Path tmp;

    enum Defect {
        EMPTY_RECORD,
        TRUNCATED_RECORD,
        GARBAGE_RECORD,
        ANOTHER_TORRENTS_RECORD,
        GARBAGE_ENGINE_RESUME_DATA,
        MISSING_TORRENT_FILE,
        DAMAGED_TORRENT_FILE,
        ANOTHER_TORRENTS_TORRENT_FILE
    }

    private static TorrentSnapshot status(TorrentManager m, String id) throws ManagerException {
        return m.status(List.of(id)).getFirst();
    }

    private static void awaitState(TorrentManager m, String id, TorrentState state) throws Exception {
        waitFor(id + " " + state, () -> {
            m.housekeep();
            try {
                return status(m, id).state().equals(state.wireName());
            } catch (ManagerException e) {
                throw new AssertionError(e);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Defect.class)
    void oneDamagedTorrentCostsOnlyThatTorrentACheckOrAFetch(Defect defect) throws Exception {
        var fixture = new ManagerFixture(tmp.resolve("state"));
        Path elsewhere = tmp.resolve("data");
        // The victim lives in the default save path: where a torrent whose record is lost comes back.
        Path downloads = tmp.resolve("downloads");
        byte[] goodTorrent = content(elsewhere, "a.bin", 300_000, 1);
        byte[] victimTorrent = content(downloads, "b.bin", 200_000, 2);
        String good;
        String victim;
        try (var open = fixture.open()) {
            TorrentManager m = open.manager();
            good = m.add(new AddSource.TorrentData(goodTorrent), in(elsewhere)).id();
            victim = m.add(new AddSource.TorrentData(victimTorrent), in(downloads))
                    .id();
            awaitState(m, good, TorrentState.SEEDING);
            awaitState(m, victim, TorrentState.SEEDING);
        }
        // A byte changed behind each torrent's back, size and time kept: only a check can see it.
        damageKeepingTime(elsewhere.resolve("a.bin"), 100_000);
        damageKeepingTime(downloads.resolve("b.bin"), 50_000);
        Path torrents = fixture.stateDir.resolve("torrents");
        apply(defect, torrents, good, victim);

        try (var open = fixture.open()) {
            TorrentManager m = open.manager();
            assertThat(m.status(List.of())).extracting(TorrentSnapshot::id).containsExactlyInAnyOrder(good, victim);
            awaitState(m, good, TorrentState.SEEDING);
            assertThat(status(m, good).piecesDone())
                    .as("the other torrent still trusted")
                    .isEqualTo(status(m, good).pieceCount());
            assertThat(status(m, good).error()).isNull();
            assertThat(status(m, victim).name()).isEqualTo("b.bin");

            switch (defect) {
                case EMPTY_RECORD, TRUNCATED_RECORD, GARBAGE_RECORD, ANOTHER_TORRENTS_RECORD -> {
                    assertThat(m.startupProblems())
                            .singleElement()
                            .asString()
                            .startsWith(victim)
                            .contains("resume record unusable");
                    awaitState(m, victim, TorrentState.PAUSED);
                    assertThat(status(m, victim).error()).contains("resume record unusable");
                    assertThat(status(m, victim).savePath()).isEqualTo(downloads.toString());
                    m.resume(List.of(victim));
                    awaitState(m, victim, TorrentState.DOWNLOADING);
                    assertThat(status(m, victim).piecesDone())
                            .as("checked in full, the damaged piece found")
                            .isEqualTo(status(m, victim).pieceCount() - 1);
                    assertThat(status(m, victim).error()).isNull();
                }
                case GARBAGE_ENGINE_RESUME_DATA -> {
                    awaitState(m, victim, TorrentState.DOWNLOADING);
                    assertThat(status(m, victim).piecesDone())
                            .as("checked in full, the damaged piece found")
                            .isEqualTo(status(m, victim).pieceCount() - 1);
                }
                case MISSING_TORRENT_FILE, DAMAGED_TORRENT_FILE, ANOTHER_TORRENTS_TORRENT_FILE -> {
                    String problem = switch (defect) {
                        case MISSING_TORRENT_FILE -> "is missing";
                        case DAMAGED_TORRENT_FILE -> "is damaged";
                        default -> "is another torrent's";
                    };
                    assertThat(m.startupProblems())
                            .singleElement()
                            .asString()
                            .startsWith(victim)
                            .contains(problem);
                    awaitState(m, victim, TorrentState.FETCHING_METADATA);
                    assertThat(status(m, victim).error()).contains(problem);
                }
            }
        }
    }

    private static AddOptions in(Path dir) {
        return AddOptions.defaults().with(b -> b.savePath(dir).useTrackers(false));
    }

    private static void apply(Defect defect, Path torrents, String good, String victim) throws Exception {
        Path record = torrents.resolve(victim + ".json");
        Path torrentFile = torrents.resolve(victim + ".torrent");
        byte[] recordBytes = Files.readAllBytes(record);
        switch (defect) {
            case EMPTY_RECORD -> Files.write(record, new byte[0]);
            case TRUNCATED_RECORD -> Files.write(record, Arrays.copyOf(recordBytes, recordBytes.length / 2));
            case GARBAGE_RECORD -> {
                byte[] garbage = new byte[recordBytes.length];
                new Random(7).nextBytes(garbage);
                Files.write(record, garbage);
            }
            case ANOTHER_TORRENTS_RECORD -> Files.copy(torrents.resolve(good + ".json"), record, REPLACE);
            case GARBAGE_ENGINE_RESUME_DATA -> {
                var tree = (ObjectNode) SettingsFile.JSON.readTree(recordBytes);
                assertThat(tree.hasNonNull("engine_resume")).isTrue();
                byte[] garbage = new byte[300];
                new Random(8).nextBytes(garbage);
                tree.put("engine_resume", garbage);
                Files.write(record, SettingsFile.JSON.writeValueAsBytes(tree));
            }
            case MISSING_TORRENT_FILE -> Files.delete(torrentFile);
            case DAMAGED_TORRENT_FILE -> {
                byte[] bytes = Files.readAllBytes(torrentFile);
                Files.write(torrentFile, Arrays.copyOf(bytes, bytes.length / 2));
            }
            case ANOTHER_TORRENTS_TORRENT_FILE -> Files.copy(torrents.resolve(good + ".torrent"), torrentFile, REPLACE);
        }
    }

    private static final java.nio.file.StandardCopyOption REPLACE = java.nio.file.StandardCopyOption.REPLACE_EXISTING;

    private static void damageKeepingTime(Path file, long offset) throws Exception {
        FileTime time = Files.getLastModifiedTime(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            byte b = raf.readByte();
            raf.seek(offset);
            raf.write(b ^ 0x55);
        }
        Files.setLastModifiedTime(file, time);
    }
}
