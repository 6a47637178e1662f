package dev.torpeddo.engine.api;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * Something that happened to a torrent, pushed to {@code Session} listeners (later forwarded to the UI as
 * JSON-RPC notifications). Listeners run on engine threads and must return quickly.
 */
public sealed interface TorrentEvent {
    InfoHash infoHash();

    record Added(InfoHash infoHash, String name) implements TorrentEvent {}

    /** A magnet's info dictionary arrived and verified; the torrent now knows its files. */
    record MetadataReceived(InfoHash infoHash, String name, int fileCount, long totalBytes) implements TorrentEvent {}

    record StateChanged(InfoHash infoHash, TorrentState from, TorrentState to) implements TorrentEvent {}

    /** Every selected piece is verified (sent once per download, not for data found complete on add). */
    record Finished(InfoHash infoHash) implements TorrentEvent {}

    record PieceFailed(InfoHash infoHash, int piece) implements TorrentEvent {}

    record PeerBanned(InfoHash infoHash, InetSocketAddress peer, String reason) implements TorrentEvent {}

    record TrackerFailed(InfoHash infoHash, URI tracker, String message) implements TorrentEvent {}

    record Failed(InfoHash infoHash, String message) implements TorrentEvent {}

    record Removed(InfoHash infoHash) implements TorrentEvent {}
}
