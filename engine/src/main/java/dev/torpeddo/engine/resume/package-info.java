/**
 * Resume records: what a torrent writes down so that, after a restart or a crash, it carries on without
 * checking its data again. {@link dev.torpeddo.engine.resume.ResumeRecord} holds the verified-and-flushed
 * pieces, the files' stats taken right after the flush, and the user's settings and totals;
 * {@link dev.torpeddo.engine.resume.ResumeCodec} stores it (strict, bounded bencode); and
 * {@link dev.torpeddo.engine.resume.ResumeCheck} compares it with the files as they are now and says which
 * pieces to trust, which to hash, or that the whole torrent must be checked.
 *
 * <p>Typical use: at a checkpoint, flush the storage, stat the files, build and write the record (to a temporary
 * file, then rename); when adding the torrent, stat the files the same way and run {@code ResumeCheck}.
 */
package dev.torpeddo.engine.resume;
