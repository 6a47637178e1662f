package dev.torpeddo.backend.manager;

import static dev.torpeddo.backend.manager.ManagerFixture.content;
import static dev.torpeddo.backend.manager.ManagerFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up and frees again, for real: a small tmpfs (mounting needs root; CI runs as root). The
 * torrent saving there stops with a clear error, the other one finishes, and once the tmpfs grows the manager
 * resumes the first by itself and it completes.
 */
class DiskFullIT {
    @TempDir
    Path tmp;

    private Path mount;

    private static void sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed (" + out.strip()
                    + "): this test mounts a small tmpfs and must run as root, as CI does");
        }
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) sh("umount", mount.toString());
    }

    @Test
    void aTorrentOutOfSpaceStopsAloneAndCarriesOnByItselfWhenSpaceComesBack() throws Exception {
        Path seedData = tmp.resolve("seed");
        byte[] big = content(seedData, "big.bin", 3 << 20, 11);
        byte[] small = content(seedData, "small.bin", 300_000, 12);
        mount = Files.createDirectories(tmp.resolve("small-disk"));
        sh("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString());

        var seederFixture = new ManagerFixture(tmp.resolve("seeder-state"));
        var leecherFixture = new ManagerFixture(tmp.resolve("leecher-state"));
        try (var seeder = seederFixture.open();
                var leecher = leecherFixture.open()) {
            TorrentManager s = seeder.manager();
            AddOptions seeding =
                    AddOptions.defaults().with(b -> b.savePath(seedData).useTrackers(false));
            String bigId = s.add(new AddSource.TorrentData(big), seeding).id();
            String smallId = s.add(new AddSource.TorrentData(small), seeding).id();
            waitFor("seeding", () -> {
                s.housekeep();
                return status(s, bigId).state().equals("seeding")
                        && status(s, smallId).state().equals("seeding");
            });
            String port = s.sessionStatus().listenAddresses().getFirst().replaceAll(".*:", "");
            var peer =
                    List.of(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), Integer.parseInt(port)));

            TorrentManager l = leecher.manager();
            List<ManagerEvent> events = new CopyOnWriteArrayList<>();
            l.subscribe(events::add);
            // The free-space check at add time sees 1 MiB free for 3 MiB: it refuses, and nothing is added.
            AddOptions intoSmallDisk = AddOptions.defaults()
                    .with(b -> b.savePath(mount).useTrackers(false).peers(peer));
            assertThatThrownBy(() -> l.add(new AddSource.TorrentData(big), intoSmallDisk))
                    .isInstanceOf(ManagerException.class)
                    .hasMessageContaining("not enough space in " + mount)
                    .extracting(e -> ((ManagerException) e).kind())
                    .isEqualTo(ManagerException.Kind.NOT_ENOUGH_SPACE);
            assertThat(l.status(List.of())).isEmpty();
            // Space is only looked at then, so the disk is grown for the add and shrunk back under the torrent.
            sh("mount", "-o", "remount,size=4m", mount.toString());
            l.add(
                    new AddSource.TorrentData(big),
                    AddOptions.defaults()
                            .with(b -> b.savePath(mount).useTrackers(false).peers(peer)));
            sh("mount", "-o", "remount,size=1m", mount.toString());
            l.add(
                    new AddSource.TorrentData(small),
                    AddOptions.defaults()
                            .with(b -> b.savePath(tmp.resolve("roomy"))
                                    .useTrackers(false)
                                    .peers(peer)));

            waitFor("out of space", () -> {
                l.housekeep();
                return status(l, bigId).state().equals("error");
            });
            assertThat(status(l, bigId).error()).containsIgnoringCase("no space left");
            // Events reach subscribers on their own thread, a moment after the state shows it.
            waitFor(
                    "the error event",
                    () -> events.stream().anyMatch(e -> e instanceof ManagerEvent.Failed f && f.id().equals(bigId)));
            waitFor("the other torrent done", () -> {
                l.housekeep();
                return status(l, smallId).complete();
            });

            sh("mount", "-o", "remount,size=8m", mount.toString());
            waitFor("resumed and complete", () -> {
                leecherFixture.clock.advanceSeconds(11); // past the free-space check interval
                l.housekeep();
                return status(l, bigId).complete();
            });
            assertThat(Files.mismatch(seedData.resolve("big.bin"), mount.resolve("big.bin")))
                    .isEqualTo(-1);
        }
    }

    private static TorrentSnapshot status(TorrentManager m, String id) {
        try {
            return m.status(List.of(id)).getFirst();
        } catch (ManagerException e) {
            throw new AssertionError(e);
        }
    }
}
