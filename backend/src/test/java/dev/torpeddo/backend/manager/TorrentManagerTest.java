package dev.torpeddo.backend.manager;

import static dev.torpeddo.backend.manager.ManagerFixture.content;
import static dev.torpeddo.backend.manager.ManagerFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorrentManagerTest {
    @TempDir
    Path tmp;

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

    private static AddOptions in(Path dir) {
        return AddOptions.defaults().with(b -> b.savePath(dir).useTrackers(false));
    }

    @Test
    void torrentsComeBackAfterARestartAsTheyWereAndTrustedDataIsNotReadAgain() throws Exception {
        Path data = tmp.resolve("data");
        byte[] seeded = content(data, "a.bin", 300_000, 1);
        byte[] paused = content(data, "b.bin", 200_000, 2);
        var fixture = new ManagerFixture(tmp.resolve("state"));
        String a;
        String b;
        String magnetId = "0123456789abcdef0123456789abcdef01234567";
        try (var open = fixture.open()) {
            TorrentManager m = open.manager();
            a = m.add(new AddSource.TorrentData(seeded), in(data)).id();
            b = m.add(new AddSource.TorrentData(paused), in(data).with(o -> o.paused(true)))
                    .id();
            m.add(new AddSource.Magnet("magnet:?xt=urn:btih:" + magnetId + "&dn=later"), in(data));
            awaitState(m, a, TorrentState.SEEDING);
            awaitState(m, b, TorrentState.PAUSED);
            assertThat(status(m, b).complete()).isTrue();
        }
        // Damage a.bin behind the torrent's back, keeping its size and time: a trusted record never reads it, so
        // the torrent stays complete; a check would find the damage.
        Path file = data.resolve("a.bin");
        FileTime time = Files.getLastModifiedTime(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(1000);
            raf.write(0x55 ^ raf.readByte());
        }
        Files.setLastModifiedTime(file, time);

        try (var open = fixture.open()) {
            TorrentManager m = open.manager();
            assertThat(m.status(List.of())).extracting(TorrentSnapshot::id).containsExactly(a, b, magnetId);
            awaitState(m, a, TorrentState.SEEDING);
            assertThat(status(m, a).piecesDone()).isEqualTo(status(m, a).pieceCount());
            awaitState(m, b, TorrentState.PAUSED);
            awaitState(m, magnetId, TorrentState.FETCHING_METADATA);
            assertThat(status(m, magnetId).name()).isEqualTo("later");
            assertThat(m.startupProblems()).isEmpty();
        }
    }

    @Test
    void aDuplicateAddReturnsTheExistingIdAndSaysSo() throws Exception {
        Path data = tmp.resolve("data");
        byte[] torrent = content(data, "a.bin", 100_000, 3);
        try (var open = new ManagerFixture(tmp.resolve("state")).open()) {
            TorrentManager m = open.manager();
            AddResult first = m.add(new AddSource.TorrentData(torrent), in(data));
            AddResult again = m.add(new AddSource.TorrentData(torrent), in(tmp.resolve("elsewhere")));
            assertThat(first.duplicate()).isFalse();
            assertThat(again.duplicate()).isTrue();
            assertThat(again.id()).isEqualTo(first.id());
            assertThat(m.status(List.of())).hasSize(1);
            assertThat(m.add(new AddSource.Magnet("magnet:?xt=urn:btih:" + first.id()), in(data))
                            .duplicate())
                    .isTrue();
        }
    }

    @Test
    void badInputIsRefusedWithAClearMessageAndChangesNothing() throws Exception {
        try (var open = new ManagerFixture(tmp.resolve("state")).open()) {
            TorrentManager m = open.manager();
            assertThatThrownBy(() -> m.add(new AddSource.Magnet("magnet:?xt=urn:btih:zz"), AddOptions.defaults()))
                    .isInstanceOf(ManagerException.class)
                    .hasMessageContaining("not a valid magnet link");
            assertThatThrownBy(() -> m.add(new AddSource.TorrentData(new byte[] {'d', 'e'}), AddOptions.defaults()))
                    .hasMessageContaining("not a valid torrent");
            assertThatThrownBy(
                            () -> m.add(new AddSource.TorrentFile(tmp.resolve("none.torrent")), AddOptions.defaults()))
                    .hasMessageContaining("no such file");
            assertThatThrownBy(() -> m.pause(List.of("00".repeat(20))))
                    .isInstanceOf(ManagerException.class)
                    .extracting(e -> ((ManagerException) e).kind())
                    .isEqualTo(ManagerException.Kind.UNKNOWN_TORRENT);
            assertThat(m.status(List.of())).isEmpty();
        }
    }

    @Test
    void oneManagerPerStateDirectory() throws Exception {
        var fixture = new ManagerFixture(tmp.resolve("state"));
        try (var open = fixture.open()) {
            assertThat(open.manager().status(List.of())).isEmpty();
            assertThatThrownBy(fixture::open)
                    .isInstanceOf(StateDir.LockedException.class)
                    .hasMessageContaining("in use by another Torpeddo");
        }
        try (var again = fixture.open()) {
            assertThat(again.manager().status(List.of())).isEmpty();
        }
    }

    @Test
    void theQueueRunsOnlyAsManyDownloadsAsAllowedAndMovesOnWhenOneIsPaused() throws Exception {
        var fixture = new ManagerFixture(tmp.resolve("state"));
        fixture.overrides = s -> new Settings(
                s.defaultSavePath(),
                0,
                s.limits(),
                s.altLimits(),
                false,
                new Settings.Queue(true, 1, 5, 8, 2048, 60),
                s.shareLimits(),
                s.connections(),
                s.discovery(),
                s.protocols());
        Path src = tmp.resolve("src");
        byte[] one = content(src, "one.bin", 100_000, 4);
        byte[] two = content(src, "two.bin", 100_000, 5);
        Path empty = tmp.resolve("dl"); // no data there, no peers: both stay downloading (slowly: not stalled yet)
        try (var open = fixture.open()) {
            TorrentManager m = open.manager();
            String first = m.add(new AddSource.TorrentData(one), in(empty)).id();
            String second = m.add(new AddSource.TorrentData(two), in(empty)).id();
            awaitState(m, first, TorrentState.DOWNLOADING);
            awaitState(m, second, TorrentState.QUEUED);

            m.queueMove(List.of(second), QueueMove.TOP);
            awaitState(m, second, TorrentState.DOWNLOADING);
            awaitState(m, first, TorrentState.QUEUED);

            m.pause(List.of(second));
            awaitState(m, second, TorrentState.PAUSED);
            awaitState(m, first, TorrentState.DOWNLOADING);

            // A download that moves nothing for the stall time holds no slot: the paused one, resumed, runs too.
            m.resume(List.of(second));
            awaitState(m, second, TorrentState.DOWNLOADING);
            awaitState(m, first, TorrentState.QUEUED);
            fixture.clock.advanceSeconds(61);
            m.housekeep();
            awaitState(m, first, TorrentState.DOWNLOADING);
            assertThat(status(m, second).stalled()).isTrue();
        }
    }

    @Test
    void aSeedThatReachedItsShareLimitIsPaused() throws Exception {
        var fixture = new ManagerFixture(tmp.resolve("state"));
        Path data = tmp.resolve("data");
        byte[] torrent = content(data, "a.bin", 100_000, 6);
        try (var open = fixture.open()) {
            TorrentManager m = open.manager();
            String id = m.add(new AddSource.TorrentData(torrent), in(data)).id();
            awaitState(m, id, TorrentState.SEEDING);
            m.setTorrentOptions(
                    List.of(id),
                    new TorrentOptionsChange(
                            java.util.Optional.empty(),
                            java.util.Optional.empty(),
                            java.util.OptionalLong.empty(),
                            java.util.OptionalLong.empty(),
                            java.util.OptionalDouble.empty(),
                            java.util.OptionalLong.of(0),
                            java.util.OptionalInt.empty(),
                            java.util.OptionalInt.empty(),
                            java.util.Optional.empty(),
                            java.util.Optional.empty()));
            awaitState(m, id, TorrentState.PAUSED);
        }
    }

    @Test
    void removingWithDataDeletesOnlyTheTorrentsFiles() throws Exception {
        Path data = tmp.resolve("data");
        Path folder = data.resolve("album");
        Files.createDirectories(folder);
        Files.write(folder.resolve("1.bin"), new byte[70_000]);
        Files.write(folder.resolve("2.bin"), new byte[50_000]);
        byte[] torrent = dev.torpeddo.engine.metainfo.TorrentBuilder.from(folder)
                .pieceLength(16 * 1024)
                .build();
        Files.writeString(data.resolve("mine.txt"), "not the torrent's");
        try (var open = new ManagerFixture(tmp.resolve("state")).open()) {
            TorrentManager m = open.manager();
            List<ManagerEvent> events = new CopyOnWriteArrayList<>();
            m.subscribe(events::add);
            String id = m.add(new AddSource.TorrentData(torrent), in(data)).id();
            awaitState(m, id, TorrentState.SEEDING);
            m.remove(List.of(id), true);
            waitFor("files deleted", () -> !Files.exists(folder));
            assertThat(data.resolve("mine.txt")).exists();
            assertThat(m.status(List.of())).isEmpty();
            waitFor("removed event", () -> events.stream().anyMatch(e -> e instanceof ManagerEvent.Removed));
            assertThat(events.getFirst()).isEqualTo(new ManagerEvent.Added(id, "album"));
        }
    }

    @Test
    void settingsApplyLiveAndAreSavedTurtleModeIncluded() throws Exception {
        var fixture = new ManagerFixture(tmp.resolve("state"));
        try (var open = fixture.open()) {
            TorrentManager m = open.manager();
            Settings s = m.settings();
            Settings turtle = new Settings(
                    s.defaultSavePath(),
                    s.listenPort(),
                    new Settings.RateLimits(5_000_000, 1_000_000),
                    new Settings.RateLimits(100_000, 50_000),
                    true,
                    s.queue(),
                    s.shareLimits(),
                    s.connections(),
                    s.discovery(),
                    s.protocols());
            m.setSettings(turtle);
            assertThat(m.sessionStatus().downloadLimit()).isEqualTo(100_000);
            assertThat(m.sessionStatus().uploadLimit()).isEqualTo(50_000);
            m.setSettings(new Settings(
                    s.defaultSavePath(),
                    s.listenPort(),
                    turtle.limits(),
                    turtle.altLimits(),
                    false,
                    s.queue(),
                    s.shareLimits(),
                    s.connections(),
                    s.discovery(),
                    s.protocols()));
            assertThat(m.sessionStatus().downloadLimit()).isEqualTo(5_000_000);
        }
        try (var open = fixture.open()) {
            Settings back = open.manager().settings();
            assertThat(back.limits()).isEqualTo(new Settings.RateLimits(5_000_000, 1_000_000));
            assertThat(back.altLimits()).isEqualTo(new Settings.RateLimits(100_000, 50_000));
            assertThat(back.altLimitsOn()).isFalse();
            assertThat(open.manager().sessionStatus().downloadLimit()).isEqualTo(5_000_000);
        }
    }

    @Test
    void aTakenListenPortIsRefusedAndNothingChanges() throws Exception {
        try (var open = new ManagerFixture(tmp.resolve("state")).open();
                var taken = new java.net.ServerSocket(0)) {
            TorrentManager m = open.manager();
            Settings before = m.settings();
            Settings next = new Settings(
                    before.defaultSavePath(),
                    taken.getLocalPort(),
                    before.limits(),
                    before.altLimits(),
                    false,
                    before.queue(),
                    before.shareLimits(),
                    before.connections(),
                    before.discovery(),
                    before.protocols());
            assertThatThrownBy(() -> m.setSettings(next))
                    .isInstanceOf(ManagerException.class)
                    .hasMessageContaining("in use");
            assertThat(m.settings()).isEqualTo(before);
        }
    }

    @Test
    void choicesMadeOnATorrentSurviveARestart() throws Exception {
        Path data = tmp.resolve("data");
        Path folder = data.resolve("set");
        Files.createDirectories(folder);
        Files.write(folder.resolve("1.bin"), new byte[40_000]);
        Files.write(folder.resolve("2.bin"), new byte[30_000]);
        byte[] torrent = dev.torpeddo.engine.metainfo.TorrentBuilder.from(folder)
                .pieceLength(16 * 1024)
                .build();
        var fixture = new ManagerFixture(tmp.resolve("state"));
        String id;
        try (var open = fixture.open()) {
            TorrentManager m = open.manager();
            id = m.add(
                            new AddSource.TorrentData(torrent),
                            in(data).with(b -> b.category("linux").tags(List.of("iso"))))
                    .id();
            awaitState(m, id, TorrentState.SEEDING);
            m.setTorrentOptions(
                    List.of(id),
                    new TorrentOptionsChange(
                            java.util.Optional.of(true),
                            java.util.Optional.of(true),
                            java.util.OptionalLong.of(70_000),
                            java.util.OptionalLong.of(30_000),
                            java.util.OptionalDouble.of(2.5),
                            java.util.OptionalLong.empty(),
                            java.util.OptionalInt.of(12),
                            java.util.OptionalInt.of(3),
                            java.util.Optional.empty(),
                            java.util.Optional.empty()));
            m.setFilePriorities(id, java.util.Map.of(1, 0));
            m.renamePath(id, "set/1.bin", "set/one.bin").get(10, java.util.concurrent.TimeUnit.SECONDS);
            m.moveStorage(id, tmp.resolve("moved")).get(10, java.util.concurrent.TimeUnit.SECONDS);
            awaitState(m, id, TorrentState.SEEDING);
        }
        try (var open = fixture.open()) {
            TorrentManager m = open.manager();
            awaitState(m, id, TorrentState.SEEDING);
            TorrentSnapshot s = status(m, id);
            assertThat(s.savePath()).isEqualTo(tmp.resolve("moved").toString());
            assertThat(s.category()).isEqualTo("linux");
            assertThat(s.tags()).containsExactly("iso");
            assertThat(s.sequential()).isTrue();
            assertThat(s.firstLastPieces()).isTrue();
            assertThat(s.downloadLimit()).isEqualTo(70_000);
            assertThat(s.uploadLimit()).isEqualTo(30_000);
            assertThat(s.ratioLimit()).isEqualTo(2.5);
            assertThat(s.maxPeers()).isEqualTo(12);
            assertThat(s.uploadSlots()).isEqualTo(3);
            assertThat(m.details(id).files())
                    .extracting(Details.FileView::path, Details.FileView::priority)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("set/one.bin", 4),
                            org.assertj.core.groups.Tuple.tuple("set/2.bin", 0));
            assertThat(tmp.resolve("moved/set/one.bin")).exists();
        }
    }

    @Test
    void aMagnetPausedBeforeItsMetadataStaysOutOfTheEngineAndComesBackPaused() throws Exception {
        var fixture = new ManagerFixture(tmp.resolve("state"));
        String id = "89abcdef0123456789abcdef0123456789abcdef";
        try (var open = fixture.open()) {
            TorrentManager m = open.manager();
            m.add(new AddSource.Magnet("magnet:?xt=urn:btih:" + id), in(tmp.resolve("dl")));
            awaitState(m, id, TorrentState.FETCHING_METADATA);
            m.pause(List.of(id));
            awaitState(m, id, TorrentState.PAUSED);
        }
        try (var open = fixture.open()) {
            TorrentManager m = open.manager();
            awaitState(m, id, TorrentState.PAUSED);
            m.resume(List.of(id));
            awaitState(m, id, TorrentState.FETCHING_METADATA);
        }
    }

    @Test
    void aDuplicateMagnetAddedWhileTheFirstWaitsOutsideTheEngineKeepsItsNewTrackers() throws Exception {
        var fixture = new ManagerFixture(tmp.resolve("state"));
        String id = "0123456789abcdef0123456789abcdef01234567";
        String first = "magnet:?xt=urn:btih:" + id + "&tr=http%3A%2F%2F127.0.0.1%3A1%2Fa";
        try (var open = fixture.open()) {
            TorrentManager m = open.manager();
            m.add(new AddSource.Magnet(first), in(tmp.resolve("dl")).with(b -> b.paused(true)));
            awaitState(m, id, TorrentState.PAUSED);
            AddResult again = m.add(
                    new AddSource.Magnet("magnet:?xt=urn:btih:" + id
                            + "&tr=http%3A%2F%2F127.0.0.1%3A1%2Fa&tr=udp%3A%2F%2F127.0.0.1%3A2%2Fb"),
                    in(tmp.resolve("dl")));
            assertThat(again.duplicate()).isTrue();
        }
        // What the torrent will start from after the restart: its link, with both trackers, the old one once.
        String record = Files.readString(tmp.resolve("state/torrents/" + id + ".json"));
        assertThat(record).contains("udp%3A%2F%2F127.0.0.1%3A2%2Fb");
        assertThat(record.split("127.0.0.1%3A1%2Fa", -1)).hasSize(2);
        try (var open = fixture.open()) {
            awaitState(open.manager(), id, TorrentState.PAUSED);
        }
    }

    @Test
    void aMagnetsMetadataIsSavedAsATorrentFileAndItCanStopThereForFilesToBeChosen() throws Exception {
        Path data = tmp.resolve("data");
        byte[] torrent = content(data, "a.bin", 200_000, 9);
        var leecherFixture = new ManagerFixture(tmp.resolve("leecher"));
        try (var seeder = new ManagerFixture(tmp.resolve("seeder")).open()) {
            TorrentManager s = seeder.manager();
            String id = s.add(new AddSource.TorrentData(torrent), in(data)).id();
            awaitState(s, id, TorrentState.SEEDING);
            String port = s.sessionStatus().listenAddresses().getFirst().replaceAll(".*:", "");
            var peer = List.of(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), Integer.parseInt(port)));
            try (var leecher = leecherFixture.open()) {
                TorrentManager l = leecher.manager();
                List<ManagerEvent> events = new CopyOnWriteArrayList<>();
                l.subscribe(events::add);
                l.add(
                        new AddSource.Magnet("magnet:?xt=urn:btih:" + id),
                        in(tmp.resolve("dl")).with(b -> b.peers(peer).stopAfterMetadata(true)));
                awaitState(l, id, TorrentState.PAUSED);
                assertThat(status(l, id).name()).isEqualTo("a.bin");
                assertThat(status(l, id).doneBytes()).isZero();
                waitFor(
                        "metadata event",
                        () -> events.stream().anyMatch(e -> e instanceof ManagerEvent.MetadataReceived));
                waitFor("the .torrent stored", () -> Files.exists(tmp.resolve("leecher/torrents/" + id + ".torrent")));
                assertThat(Files.readAllBytes(tmp.resolve("leecher/torrents/" + id + ".torrent")))
                        .isEqualTo(l.torrentFile(id).orElseThrow());
            }
            // Back after a restart as a torrent, not a magnet: it knows its files without asking anyone.
            try (var leecher = leecherFixture.open()) {
                TorrentManager l = leecher.manager();
                awaitState(l, id, TorrentState.PAUSED);
                assertThat(l.details(id).files()).hasSize(1);
                l.resume(List.of(id));
                waitFor("complete", () -> {
                    l.housekeep();
                    try {
                        return status(l, id).complete();
                    } catch (ManagerException e) {
                        throw new AssertionError(e);
                    }
                });
            }
            assertThat(Files.mismatch(data.resolve("a.bin"), tmp.resolve("dl/a.bin")))
                    .isEqualTo(-1);
        }
    }

    @Test
    void aForcedTorrentRunsWhateverTheQueueSaysAndTheRemoveShareActionRemovesTheSeed() throws Exception {
        var fixture = new ManagerFixture(tmp.resolve("state"));
        fixture.overrides = s -> new Settings(
                s.defaultSavePath(),
                0,
                s.limits(),
                s.altLimits(),
                false,
                new Settings.Queue(true, 0, 0, 0, 2048, 60), // nothing may run
                new Settings.ShareLimits(-1, 0, Settings.ShareAction.REMOVE),
                s.connections(),
                s.discovery(),
                s.protocols());
        Path data = tmp.resolve("data");
        byte[] torrent = content(data, "a.bin", 100_000, 13);
        try (var open = fixture.open()) {
            TorrentManager m = open.manager();
            List<ManagerEvent> events = new CopyOnWriteArrayList<>();
            m.subscribe(events::add);
            String id = m.add(new AddSource.TorrentData(torrent), in(data)).id();
            awaitState(m, id, TorrentState.QUEUED);
            m.forceStart(List.of(id), true);
            assertThat(status(m, id).forced()).isTrue();
            // It runs, seeds, and the global "seeded 0 minutes: remove" limit takes it away (its data stays).
            waitFor("removed by its share limit", () -> {
                m.housekeep();
                return events.stream().anyMatch(e -> e instanceof ManagerEvent.Removed);
            });
            assertThat(events)
                    .anyMatch(e -> e instanceof ManagerEvent.StateChanged c && c.to() == TorrentState.SEEDING);
            assertThat(m.status(List.of())).isEmpty();
            assertThat(data.resolve("a.bin")).exists();
            waitFor("its record deleted", () -> !Files.exists(tmp.resolve("state/torrents/" + id + ".json")));
        }
    }
}
