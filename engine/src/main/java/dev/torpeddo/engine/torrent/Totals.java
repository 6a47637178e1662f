package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.api.TorrentStatus;
import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.internal.RateMeter;
import dev.torpeddo.engine.resume.ResumeRecord;
import java.time.Duration;
import java.util.Optional;

/**
 * What a torrent has moved and how long it has run: this session's payload counts and rates, the all-time
 * totals carried over from its resume record, and the time spent active and seeding. Guarded by the
 * torrent's lock.
 */
final class Totals {
    private static final long SECOND = 1_000_000_000L;

    private final Clock clock;
    private final RateMeter downloadMeter;
    private final RateMeter uploadMeter;
    private long downloaded;
    private long uploaded;
    private long wasted;
    // From before this session (a resume record).
    private long downloadedBefore;
    private long uploadedBefore;
    private long wastedBefore;
    private long addedAt;
    private long completedAt;
    private long activeNanos;
    private long seedingNanos;
    private long accountedAt;

    Totals(Clock clock) {
        this.clock = clock;
        this.downloadMeter = new RateMeter(clock);
        this.uploadMeter = new RateMeter(clock);
        this.accountedAt = clock.nanoTime();
        this.addedAt = clock.epochSeconds();
    }

    /** Carries on from a resume record. */
    void restore(ResumeRecord r) {
        downloadedBefore = r.totals().downloaded();
        uploadedBefore = r.totals().uploaded();
        wastedBefore = r.totals().wasted();
        activeNanos = r.times().activeSeconds() * SECOND;
        seedingNanos = r.times().seedingSeconds() * SECOND;
        addedAt = r.times().addedAt();
        completedAt = r.times().completedAt();
    }

    void downloaded(int bytes) {
        downloaded += bytes;
        downloadMeter.add(bytes);
    }

    void uploaded(int bytes) {
        uploaded += bytes;
        uploadMeter.add(bytes);
    }

    /** Bytes received and thrown away (unasked, duplicate); failed pieces are counted apart. */
    void wasted(int bytes) {
        wasted += bytes;
    }

    void completedNow() {
        completedAt = clock.epochSeconds();
    }

    /** Adds the time since the last call to the active and seeding totals, by the state until now. */
    void account(boolean active, boolean seeding) {
        long now = clock.nanoTime();
        long span = now - accountedAt;
        accountedAt = now;
        if (active) activeNanos += span;
        if (seeding) seedingNanos += span;
    }

    long sessionDownloaded() {
        return downloaded;
    }

    long sessionUploaded() {
        return uploaded;
    }

    long sessionWasted(long failedBytes) {
        return wasted + failedBytes;
    }

    TorrentStatus.Transfer transfer(long failedBytes, long downloadLimit, long uploadLimit) {
        return new TorrentStatus.Transfer(
                downloadMeter.rate(),
                uploadMeter.rate(),
                downloaded,
                uploaded,
                downloadedBefore + downloaded,
                uploadedBefore + uploaded,
                failedBytes,
                sessionWasted(failedBytes),
                downloadLimit,
                uploadLimit);
    }

    TorrentStatus.Times times(Optional<Duration> nextAnnounce) {
        return new TorrentStatus.Times(activeNanos / SECOND, seedingNanos / SECOND, nextAnnounce);
    }

    ResumeRecord.Totals forRecord(long failedBytes) {
        return new ResumeRecord.Totals(
                uploadedBefore + uploaded, downloadedBefore + downloaded, wastedBefore + sessionWasted(failedBytes));
    }

    ResumeRecord.Times timesForRecord() {
        return new ResumeRecord.Times(activeNanos / SECOND, seedingNanos / SECOND, addedAt, completedAt);
    }
}
