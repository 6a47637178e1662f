package dev.torpeddo.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.SessionConfig;
import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.TorrentBuilder;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * A swarm in a {@link Simulation}: one torrent, a tracker, and sessions on hosts of their own, each with its
 * directory under the test's temporary folder. Closes every session at the end, in virtual time.
 */
final class SimSwarm implements AutoCloseable {
    final Simulation sim;
    final Metainfo meta;
    final Path content;
    final SimTracker tracker;
    private final Path dir;
    private final List<Session> sessions = new ArrayList<>();
    private final java.util.Map<Session, SimHost> hosts = new java.util.HashMap<>();

    /**
     * @param size bytes of seeded random content in one file
     */
    SimSwarm(Simulation sim, Path dir, long size, int pieceLength) throws IOException {
        this.sim = sim;
        this.dir = dir;
        this.tracker = new SimTracker(sim.addHost(Link.FAST));
        Path seedDir = dir.resolve("content");
        Files.createDirectories(seedDir);
        byte[] data = new byte[Math.toIntExact(size)];
        new Random(size).nextBytes(data);
        this.content = seedDir.resolve("data.bin");
        Files.write(content, data);
        this.meta = TorrentBuilder.from(content)
                .pieceLength(pieceLength)
                .tracker(tracker.announceUri())
                .buildMetainfo();
    }

    /** A session on a new host with {@code link}; {@code config} adjusts the simulation's defaults. */
    Session session(Link link, UnaryOperator<SessionConfig> config) throws IOException {
        return session(sim.addHost(link), config);
    }

    /** A session on {@code host}. */
    Session session(SimHost host, UnaryOperator<SessionConfig> config) throws IOException {
        Session s = Session.start(config.apply(Simulation.config(host)), sim.environment(host));
        sessions.add(s);
        hosts.put(s, host);
        return s;
    }

    /** A seeder with the content, on a new host. */
    TorrentHandle seeder(Link link) throws IOException {
        Session s = session(link, c -> c);
        return s.add(AddTorrent.of(meta, content.getParent()));
    }

    /** A leecher with an empty directory of its own, on a new host. */
    TorrentHandle leecher(Link link, UnaryOperator<SessionConfig> config, UnaryOperator<AddTorrent> add)
            throws IOException {
        Session s = session(link, config);
        return s.add(add.apply(AddTorrent.of(meta, dir.resolve("leecher-" + sessions.size()))));
    }

    TorrentHandle leecher(Link link) throws IOException {
        return leecher(link, c -> c, a -> a);
    }

    /** Where {@code session} listens for peers. */
    java.net.InetSocketAddress addressOf(Session session) {
        return hosts.get(session).at(session.listenPort());
    }

    /** The download under {@code handle}'s save path equals the content. */
    void assertDownloaded(TorrentHandle handle) throws IOException {
        for (FileEntry f : meta.files()) {
            Path got = handle.savePath().resolve(String.join("/", f.path()));
            assertThat(Files.mismatch(content, got))
                    .as(got + " differs from the seed")
                    .isEqualTo(-1L);
        }
    }

    URI announce() {
        return tracker.announceUri();
    }

    @Override
    public void close() throws IOException {
        try {
            // All at once, as when a machine's worth of clients quit: closing one at a time would cost each
            // its own goodbye round trips.
            sim.call("all sessions closed", java.time.Duration.ofMinutes(2), () -> {
                List<Thread> closing = new ArrayList<>();
                for (Session s : sessions) closing.add(sim.startThread("close", s::close));
                for (Thread t : closing) t.join();
                return null;
            });
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("a session did not close", e);
        } finally {
            tracker.close();
        }
    }
}
