package dev.torpeddo.engine.tracker;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.URI;
import java.util.Locale;

/**
 * One tracker, reached over HTTP(S) (BEP 3) or UDP (BEP 15). Calls block, so callers run them on virtual threads;
 * an instance may be shared by several threads.
 */
public sealed interface Tracker permits HttpTracker, UdpTracker {

    /** The announce URL this tracker was made from. */
    URI uri();

    /** Tells the tracker about us and asks for peers. */
    AnnounceResponse announce(AnnounceRequest request) throws TrackerException, InterruptedException;

    /** Asks for the tracker's counters for one torrent. */
    ScrapeResponse scrape(InfoHash infoHash) throws TrackerException, InterruptedException;

    /** Whether {@link #scrape} can be asked at all; an HTTP URL without a BEP 48 scrape URL cannot. */
    boolean canScrape();

    /**
     * Makes a client for an announce URL from a torrent file (untrusted input).
     *
     * @throws TrackerException for schemes other than http, https and udp, or a URL without a usable host or port
     */
    static Tracker of(URI uri, TrackerTransport transport) throws TrackerException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getHost().isEmpty()) throw new TrackerException(uri, "no host in URL");
        return switch (scheme) {
            case "http", "https" -> new HttpTracker(uri, transport);
            case "udp" -> new UdpTracker(uri, transport);
            default -> throw new TrackerException(uri, "unsupported scheme '" + scheme + "'");
        };
    }
}
