package dev.torpeddo.engine.tracker;

/**
 * A problem with a tracker's answer found while decoding it, before we know which tracker URI to blame; the
 * tracker client turns it into a {@link TrackerException}.
 */
final class ResponseProblem extends Exception {
    ResponseProblem(String detail) {
        super(detail, null, false, false);
    }

    static ResponseProblem bad(String what) {
        return new ResponseProblem("bad response: " + what);
    }

    TrackerException toTrackerException(java.net.URI tracker) {
        return new TrackerException(tracker, getMessage());
    }
}
