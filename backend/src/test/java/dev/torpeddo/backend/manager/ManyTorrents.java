package dev.torpeddo.backend.manager;

import dev.torpeddo.engine.metainfo.TorrentBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Many small torrents in one manager, for {@code ManyTorrentsTest} and {@code ManagerBench}: every second one is
 * finished (its file is in the data directory), the others have nothing on disk yet; every {@code pausedEvery}-th
 * one is paused. No trackers, no peers: once running they stay idle.
 */
public final class ManyTorrents {
    static final int FILE_SIZE = 32 * 1024;

    private ManyTorrents() {}

    public record Item(byte[] torrent, boolean finished, boolean paused) {
        /** The state the manager shows once the torrent is back and running (or paused). */
        TorrentState expected() {
            if (paused) return TorrentState.PAUSED;
            return finished ? TorrentState.SEEDING : TorrentState.DOWNLOADING;
        }
    }

    /** Writes the finished torrents' files into {@code data} and returns all {@code n} torrents. */
    public static List<Item> create(Path data, int n, int pausedEvery) throws IOException {
        Files.createDirectories(data);
        List<Item> items = new ArrayList<>(n);
        Random random = new Random(n);
        byte[] content = new byte[FILE_SIZE];
        for (int i = 0; i < n; i++) {
            random.nextBytes(content);
            Path file = data.resolve("file-" + i + ".bin");
            Files.write(file, content);
            byte[] torrent = TorrentBuilder.from(file).pieceLength(16 * 1024).build();
            boolean finished = i % 2 == 0;
            if (!finished) Files.delete(file);
            items.add(new Item(torrent, finished, pausedEvery > 0 && i % pausedEvery == 0));
        }
        return items;
    }

    /** Adds them all; returns the expected state by id. */
    public static Map<String, TorrentState> addAll(TorrentManager m, Path data, List<Item> items)
            throws ManagerException {
        Map<String, TorrentState> expected = new HashMap<>();
        for (Item item : items) {
            String id = m.add(
                            new AddSource.TorrentData(item.torrent()),
                            AddOptions.defaults()
                                    .with(b ->
                                            b.savePath(data).useTrackers(false).paused(item.paused())))
                    .id();
            expected.put(id, item.expected());
        }
        return expected;
    }

    /** The torrents whose shown state is not the expected one yet (all of them are missing ones too). */
    static int notYet(TorrentManager m, Map<String, TorrentState> expected) throws ManagerException {
        int wrong = expected.size();
        for (TorrentSnapshot s : m.status(List.of())) {
            TorrentState want = expected.get(s.id());
            if (want != null && s.state().equals(want.wireName())) wrong--;
        }
        return wrong;
    }

    /** Loopback settings without a queue, so that every torrent that is not paused runs. */
    public static Settings unqueued(Settings s, Path savePath) {
        Settings l = ManagerFixture.loopback(s, savePath);
        Settings.Queue q = l.queue();
        return new Settings(
                l.defaultSavePath(),
                l.listenPort(),
                l.limits(),
                l.altLimits(),
                l.altLimitsOn(),
                new Settings.Queue(
                        false,
                        q.maxActiveDownloads(),
                        q.maxActiveSeeds(),
                        q.maxActiveTorrents(),
                        q.slowRate(),
                        q.stalledSeconds()),
                l.shareLimits(),
                l.connections(),
                l.discovery(),
                l.protocols());
    }
}
