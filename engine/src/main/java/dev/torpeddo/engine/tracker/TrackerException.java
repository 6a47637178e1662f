package dev.torpeddo.engine.tracker;

import java.net.URI;

/**
 * A tracker could not be used: unreachable, timed out, refused us, or answered nonsense. The message is one line
 * naming the tracker, e.g. {@code tracker http://x/announce: failure reason: unregistered torrent}.
 */
public final class TrackerException extends Exception {
    private final URI tracker;

    public TrackerException(URI tracker, String detail) {
        super("tracker " + tracker + ": " + oneLine(detail));
        this.tracker = tracker;
    }

    public TrackerException(URI tracker, String detail, Throwable cause) {
        super("tracker " + tracker + ": " + oneLine(detail), cause);
        this.tracker = tracker;
    }

    /** The tracker this is about. */
    public URI tracker() {
        return tracker;
    }

    /** Trackers write their messages; keep them to one printable line of bounded length for logs and the UI. */
    static String oneLine(String s) {
        String flat = s.replaceAll("\\p{Cntrl}+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
