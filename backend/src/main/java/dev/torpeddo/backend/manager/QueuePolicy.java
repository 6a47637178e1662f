package dev.torpeddo.backend.manager;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which torrents may run, given the queue settings: pure logic, so tests can try every case. Torrents are
 * considered in queue order; paused and failed ones never run, forced ones always run and take no slot; the
 * others run while their kind's limit (downloads or seeds) and the total limit have room. A running torrent
 * that is stalled (slow both ways for a while) runs on but does not hold its slot, so the next in the queue
 * starts beside it.
 */
final class QueuePolicy {
    private QueuePolicy() {}

    /** One torrent as the queue sees it. */
    record Candidate(String id, boolean paused, boolean failed, boolean forced, boolean seed, boolean stalled) {}

    /** The ids that should run; every other candidate should be queued (or stay paused or failed). */
    static Set<String> decide(Settings.Queue queue, List<Candidate> inQueueOrder) {
        Set<String> run = new HashSet<>();
        int downloads = 0;
        int seeds = 0;
        int total = 0;
        for (Candidate c : inQueueOrder) {
            if (c.paused() || c.failed()) continue;
            if (c.forced() || !queue.enabled()) {
                run.add(c.id());
                continue;
            }
            int kindLimit = c.seed() ? queue.maxActiveSeeds() : queue.maxActiveDownloads();
            int kindCount = c.seed() ? seeds : downloads;
            if (below(kindCount, kindLimit) && below(total, queue.maxActiveTorrents())) {
                run.add(c.id());
                if (!c.stalled()) {
                    total++;
                    if (c.seed()) seeds++;
                    else downloads++;
                }
            }
        }
        return run;
    }

    private static boolean below(int count, int limit) {
        return limit < 0 || count < limit;
    }
}
