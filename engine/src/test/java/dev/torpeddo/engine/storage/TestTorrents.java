package dev.torpeddo.engine.storage;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.metainfo.Metainfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Builds Metainfo records with real SHA-1 piece hashes over known content, since no parser is at hand. */
final class TestTorrents {
    private TestTorrents() {}

    /** A torrent together with the bytes it describes. */
    record TestTorrent(Metainfo metainfo, byte[] content) {
        byte[] fileContent(int file) {
            FileEntry f = metainfo.files().get(file);
            return Arrays.copyOfRange(content, (int) f.offset(), (int) (f.offset() + f.length()));
        }

        byte[] piece(int piece) {
            int start = piece * metainfo.pieceLength();
            return Arrays.copyOfRange(content, start, start + metainfo.pieceSize(piece));
        }

        Path pathOf(Path dir, int file) {
            return dir.resolve(String.join("/", metainfo.files().get(file).path()));
        }

        /** Writes every file completely, as a finished download would have left them. */
        void writeAllFiles(Path dir) throws IOException {
            for (int i = 0; i < metainfo.files().size(); i++) writeFile(dir, i);
        }

        void writeFile(Path dir, int file) throws IOException {
            Path p = pathOf(dir, file);
            Files.createDirectories(p.getParent());
            Files.write(p, fileContent(file));
        }
    }

    /**
     * Random content split into files of the given lengths; one file is a single-file torrent named "single.bin",
     * several are "multi/f0.bin", "multi/f1.bin", ...
     */
    static TestTorrent random(long seed, int pieceLength, long... fileLengths) {
        long total = Arrays.stream(fileLengths).sum();
        byte[] content = new byte[Math.toIntExact(total)];
        new Random(seed).nextBytes(content);
        List<FileEntry> files = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < fileLengths.length; i++) {
            List<String> path = fileLengths.length == 1 ? List.of("single.bin") : List.of("multi", "f" + i + ".bin");
            files.add(new FileEntry(path, fileLengths[i], offset));
            offset += fileLengths[i];
        }
        return new TestTorrent(metainfo(files, pieceLength, content, seed), content);
    }

    /** A metainfo over {@code content} laid out as {@code files}, with correct piece hashes. */
    static Metainfo metainfo(List<FileEntry> files, int pieceLength, byte[] content, long seed) {
        int pieces = (int) Math.ceilDiv((long) content.length, pieceLength);
        byte[] hashes = new byte[pieces * 20];
        for (int p = 0; p < pieces; p++) {
            int start = p * pieceLength;
            int len = Math.min(pieceLength, content.length - start);
            System.arraycopy(sha1(content, start, len), 0, hashes, p * 20, 20);
        }
        byte[] seedBytes = Long.toString(seed).getBytes(UTF_8);
        InfoHash infoHash = new InfoHash(sha1(seedBytes, 0, seedBytes.length));
        return new Metainfo(
                infoHash,
                files.getFirst().path().getFirst(),
                pieceLength,
                hashes,
                files,
                content.length,
                List.of(),
                false,
                List.of(),
                new byte[0],
                Optional.empty(),
                Optional.empty());
    }

    static byte[] sha1(byte[] data, int offset, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            md.update(data, offset, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
