/**
 * Torrent data on disk: {@link dev.torpeddo.engine.storage.PieceMap} maps pieces to file slices,
 * {@link dev.torpeddo.engine.storage.Storage} / {@link dev.torpeddo.engine.storage.FileStorage} do safe
 * positional I/O confined to the download directory, {@link dev.torpeddo.engine.storage.DiskIo} runs disk and
 * hashing jobs on a small bounded pool, {@link dev.torpeddo.engine.storage.PieceVerifier} checks SHA-1 piece
 * hashes, and {@link dev.torpeddo.engine.storage.DataChecker} finds the pieces already present when a torrent
 * is added. {@link dev.torpeddo.engine.storage.FileLayout} says where each file lives (the user may rename files
 * and folders), and {@link dev.torpeddo.engine.storage.StorageMover} moves a torrent's files to another directory
 * so that a crash at any point leaves one complete copy, which opening the storage finds.
 *
 * <p>Typical wiring: one {@code DiskIo} per engine; per torrent a {@code FileStorage}, a
 * {@code PieceVerifier} and, on add, a {@code DataChecker} run to seed the torrent's have-bitfield.
 */
package dev.torpeddo.engine.storage;
