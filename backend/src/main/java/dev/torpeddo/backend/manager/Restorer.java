package dev.torpeddo.backend.manager;

import dev.torpeddo.engine.magnet.MagnetLink;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.MetainfoException;
import dev.torpeddo.engine.metainfo.MetainfoParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Brings stored torrents back at start-up. Each goes into the engine paused, with its resume record (trusted
 * where the files agree); the first housekeeping round then starts what the queue allows. A damaged record comes
 * back paused in the default save path with a note; a missing or damaged .torrent is fetched again from the
 * info-hash, as a magnet; either way the others are untouched.
 */
final class Restorer {
    private static final System.Logger LOG = System.getLogger(Restorer.class.getName());

    private final TorrentManager m;

    Restorer(TorrentManager manager) {
        this.m = manager;
    }

    void restoreAll() throws IOException {
        List<ManagedTorrent> order = new ArrayList<>();
        List<Optional<byte[]>> torrentFiles = new ArrayList<>();
        List<Boolean> renumbered = new ArrayList<>();
        for (TorrentStore.Stored stored : m.store.loadAll()) {
            if (!m.options.restore().test(stored.id())) continue;
            ManagedTorrent t;
            switch (stored) {
                case TorrentStore.Found f -> t = ManagedTorrent.fromRecord(f.record());
                case TorrentStore.Damaged d -> {
                    t = new ManagedTorrent(InfoHash.ofHex(d.id()));
                    t.name = d.id();
                    t.savePath =
                            Path.of(m.effectiveSettings().defaultSavePath()).toAbsolutePath();
                    t.addedAt = m.nowSeconds();
                    t.paused = true;
                    t.problem = d.problem() + "; it is back paused in the default save path: move it to where its"
                            + " files are, or resume it there (its data is checked first)";
                }
            }
            long position = order.size();
            renumbered.add(t.queuePosition != position);
            t.queuePosition = position;
            t.lastEngineSaveMs = m.nowMillis(); // the record just read is as fresh as one made now
            order.add(t);
            torrentFiles.add(stored.torrentFile());
        }
        // Parsing each .torrent and opening its engine torrent is most of a restart's work, and independent per
        // torrent: spread over the cores. Nobody sees these torrents until they are in the map below.
        try (ExecutorService pool = Executors.newFixedThreadPool(
                Math.max(1, Runtime.getRuntime().availableProcessors()),
                Thread.ofPlatform().name("torpeddo-restore-", 0).daemon().factory())) {
            for (int i = 0; i < order.size(); i++) {
                ManagedTorrent t = order.get(i);
                Optional<byte[]> file = torrentFiles.get(i);
                pool.execute(() -> restore(t, file));
            }
        }
        synchronized (m) {
            for (int i = 0; i < order.size(); i++) {
                ManagedTorrent t = order.get(i);
                m.torrents.put(t.id, t);
                if (t.problem != null) {
                    m.startupProblems.add(t.id + ": " + t.problem);
                    m.events.publish(new ManagerEvent.Failed(t.id, t.problem));
                }
                // A record read back as it was needs no rewrite; one renumbered or with a problem noted does.
                t.choicesDirty = renumbered.get(i) || t.problem != null;
            }
        }
        m.housekeep();
    }

    /** Puts a stored torrent back into the session, paused; the queue then starts what may run. */
    private void restore(ManagedTorrent t, Optional<byte[]> torrentFile) {
        Optional<Metainfo> meta = Optional.empty();
        if (torrentFile.isPresent()) {
            try {
                Metainfo m = MetainfoParser.parse(torrentFile.get());
                if (m.infoHash().equals(t.infoHash)) meta = Optional.of(m);
                else noteProblem(t, "its .torrent file is another torrent's");
            } catch (MetainfoException e) {
                noteProblem(t, "its .torrent file is damaged (" + e.getMessage() + ")");
            }
        } else if (t.magnet == null) {
            noteProblem(t, "its .torrent file is missing");
        }
        if (meta.isEmpty()) {
            // Anything can be found again from its info-hash: fetch the metadata, then check the data. The name
            // the record kept goes into the link, so the list does not show a bare hash meanwhile.
            if (t.magnet == null) {
                Optional<String> name = Optional.ofNullable(t.name).filter(n -> !n.equals(t.id));
                t.magnet = new MagnetLink(t.infoHash, name, List.of(), List.of(), List.of())
                        .toUri()
                        .toString();
            }
            return;
        }
        t.magnet = null;
        t.name = meta.get().name();
        try {
            t.handle = m.session.add(t.engineAdd(meta.get()).with(b -> {
                if (t.engineResume != null) b.resumeData(t.engineResume);
            }));
            t.applyOptionsToEngine();
        } catch (IOException | RuntimeException e) {
            noteProblem(t, "cannot open its files in " + t.savePath + ": " + e.getMessage());
            t.paused = true;
        }
    }

    private static void noteProblem(ManagedTorrent t, String problem) {
        LOG.log(System.Logger.Level.WARNING, "{0}: {1}", t.id, problem);
        t.problem = t.problem == null ? problem : t.problem + "; " + problem;
    }
}
