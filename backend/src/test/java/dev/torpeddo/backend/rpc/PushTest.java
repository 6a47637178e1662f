package dev.torpeddo.backend.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.backend.manager.AddOptions;
import dev.torpeddo.backend.manager.AddSource;
import dev.torpeddo.backend.manager.ManagerOptions;
import dev.torpeddo.backend.manager.Settings;
import dev.torpeddo.backend.manager.StateDir;
import dev.torpeddo.backend.manager.TorrentManager;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A client that stops reading never makes the backend queue without bound: events overflow, deltas coalesce. */
class PushTest {
    @TempDir
    Path tmp;

    /** Stdout of a client that reads nothing until {@code reading} opens. */
    private static final class StalledReader extends OutputStream {
        final CountDownLatch reading = new CountDownLatch(1);
        final ByteArrayOutputStream got = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            await();
            got.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            await();
            synchronized (this) {
                got.write(b, off, len);
            }
        }

        private void await() {
            try {
                reading.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized List<JsonNode> messages() {
            return got.toString(StandardCharsets.UTF_8)
                    .lines()
                    .map(RpcClient.JSON::readTree)
                    .toList();
        }
    }

    @Test
    void aStalledReaderGetsTheNewestEventsAndOneDeltaSayingSomeWereLostNotABacklog() throws Exception {
        try (StateDir dir = StateDir.open(StateDir.Locations.single(tmp.resolve("state")));
                TorrentManager m = TorrentManager.open(
                        dir,
                        ManagerOptions.defaults()
                                .withOverrides(s -> new Settings(
                                        tmp.resolve("dl").toString(),
                                        0,
                                        s.limits(),
                                        s.altLimits(),
                                        false,
                                        s.queue(),
                                        s.shareLimits(),
                                        s.connections(),
                                        new Settings.Discovery(false, false, false),
                                        Settings.Protocols.DEFAULT)))) {
            StalledReader client = new StalledReader();
            try (Push push = new Push(m, new Output(client), new DeltaTracker(), 5)) {
                push.subscribe(EnumSet.allOf(Push.Notification.class), 100);
                java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
                m.subscribe(e -> {
                    if (e instanceof dev.torpeddo.backend.manager.ManagerEvent.Added) seen.incrementAndGet();
                });
                // 40 torrents added: 40 torrent_added events (and state changes) while nothing is read.
                for (int i = 0; i < 40; i++) {
                    String hash = String.format("%040x", i + 1);
                    m.add(new AddSource.Magnet("magnet:?xt=urn:btih:" + hash), AddOptions.defaults());
                }
                Thread.sleep(1500); // fifteen delta intervals pass while the client is stalled
                // Events reach subscribers on the manager's event thread, in order, Push first (it subscribed
                // first): once this later subscriber has seen all forty, Push has been handed them all too.
                long deadlineAll = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (seen.get() < 40 && System.nanoTime() < deadlineAll) Thread.sleep(20);
                assertThat(seen.get()).isEqualTo(40);
                client.reading.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < deadline
                        && client.messages().stream()
                                .noneMatch(n -> n.get("params").has("events_lost"))) {
                    Thread.sleep(50);
                }
                List<JsonNode> got = client.messages();
                long added = got.stream()
                        .filter(n -> n.get("method").asString().equals("torrent_added"))
                        .count();
                // At most the queue's five, plus the one the sender held when the reader stalled.
                assertThat(added).isBetween(1L, 6L);
                assertThat(got)
                        .anyMatch(n -> n.get("method").asString().equals("state_delta")
                                && n.get("params").path("events_lost").asBoolean());
                // The deltas of the stalled seconds coalesced: every torrent arrived in at most four deltas (the sender
                // may have been holding one with the first torrent when the reader stalled), not fifteen small ones.
                List<JsonNode> deltas = got.stream()
                        .filter(n -> n.get("method").asString().equals("state_delta"))
                        .toList();
                assertThat(deltas).hasSizeLessThanOrEqualTo(4);
                java.util.Set<String> delivered = new java.util.HashSet<>();
                for (JsonNode d : deltas)
                    for (JsonNode t : d.get("params").get("torrents"))
                        delivered.add(t.get("id").asString());
                assertThat(delivered).hasSize(40);
            }
        }
    }
}
