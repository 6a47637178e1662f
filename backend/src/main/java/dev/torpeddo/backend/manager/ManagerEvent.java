package dev.torpeddo.backend.manager;

import java.nio.file.Path;

/**
 * Something that happened to a torrent in the manager, in the order it happened, for the JSON-RPC bridge's
 * notifications and the console. Every event names its torrent by id (the info-hash in lower-case hex).
 */
public sealed interface ManagerEvent {
    String id();

    /** A torrent was added by the user (not sent for torrents restored at start-up). */
    record Added(String id, String name) implements ManagerEvent {}

    record MetadataReceived(String id, String name, int fileCount, long totalBytes) implements ManagerEvent {}

    record StateChanged(String id, TorrentState from, TorrentState to) implements ManagerEvent {}

    /** Every selected piece is verified. */
    record Finished(String id) implements ManagerEvent {}

    record FileCompleted(String id, int fileIndex) implements ManagerEvent {}

    record StorageMoved(String id, Path to) implements ManagerEvent {}

    /** A tracker answered ({@code ok}, with {@code peers}) or failed ({@code message} says why). */
    record TrackerStatus(String id, String url, boolean ok, int peers, String message) implements ManagerEvent {}

    /** The torrent stopped on a fault, or a manager-level problem with it (a damaged record, a failed move). */
    record Failed(String id, String message) implements ManagerEvent {}

    record Removed(String id) implements ManagerEvent {}

    /** A peer was banned for sending bad data. */
    record PeerBanned(String id, String address, String reason) implements ManagerEvent {}
}
