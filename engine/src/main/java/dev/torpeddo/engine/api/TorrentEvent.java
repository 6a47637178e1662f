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

    /**
     * Pieces verified and written since the last such event, in the order they were written: sent at most
     * twice a second per torrent, so a fast download does not flood listeners.
     */
    record PiecesVerified(InfoHash infoHash, int[] pieces) implements TorrentEvent {
        public PiecesVerified {
            pieces = pieces.clone();
        }

        @Override
        public int[] pieces() {
            return pieces.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PiecesVerified p
                    && p.infoHash.equals(infoHash)
                    && java.util.Arrays.equals(p.pieces, pieces);
        }

        @Override
        public int hashCode() {
            return infoHash.hashCode() * 31 + java.util.Arrays.hashCode(pieces);
        }

        @Override
        public String toString() {
            return "PiecesVerified[" + infoHash + ", " + pieces.length + " pieces]";
        }
    }

    /** Every piece of a (non-empty) file is verified and on disk: the file is complete. */
    record FileCompleted(InfoHash infoHash, int fileIndex) implements TorrentEvent {}

    /** A tracker answered an announce. */
    record TrackerReplied(InfoHash infoHash, URI tracker, int peers) implements TorrentEvent {}

    record PeerBanned(InfoHash infoHash, InetSocketAddress peer, String reason) implements TorrentEvent {}

    record TrackerFailed(InfoHash infoHash, URI tracker, String message) implements TorrentEvent {}

    record Failed(InfoHash infoHash, String message) implements TorrentEvent {}

    /** The torrent's files are now in {@code to}; {@code from} holds none of them any more. */
    record StorageMoved(InfoHash infoHash, java.nio.file.Path from, java.nio.file.Path to) implements TorrentEvent {}

    /** A move to {@code to} failed and was undone: the files are still where they were, and in use. */
    record StorageMoveFailed(InfoHash infoHash, java.nio.file.Path to, String message) implements TorrentEvent {}

    record Removed(InfoHash infoHash) implements TorrentEvent {}
}
