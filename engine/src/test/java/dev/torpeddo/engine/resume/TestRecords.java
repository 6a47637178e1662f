package dev.torpeddo.engine.resume;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Resume records for tests: one with every field in use, and a plain one with the given pieces and files. */
final class TestRecords {
    static final InfoHash HASH = InfoHash.ofHex("0123456789abcdef0123456789abcdef01234567");

    private TestRecords() {}

    /**
     * A record using every field: absent and present files, IPv4 and IPv6 peers, two tracker tiers, a name, two
     * renamed files.
     */
    static ResumeRecord full() {
        Bitfield pieces = new Bitfield(21);
        for (int p : new int[] {0, 1, 2, 7, 8, 20}) pieces.set(p);
        DiskSnapshot disk = new DiskSnapshot(
                List.of(
                        new FileState.Present(100_000, 1_700_000_000_123_456_789L),
                        FileState.ABSENT,
                        new FileState.Present(0, -5)),
                new FileState.Present(65_536, 1_700_000_001_000_000_000L));
        return new ResumeRecord(
                HASH,
                pieces,
                List.of(4, 0, 7),
                disk,
                new ResumeRecord.Totals(1_234_567, 7_654_321, 16_384),
                new ResumeRecord.Times(3_600, 1_200, 1_700_000_000L, 1_700_002_400L),
                new ResumeRecord.Options(true, true, false, 1_000_000, 250_000),
                "/home/user/Téléchargements",
                List.of(
                        List.of(URI.create("http://tracker.example:6969/announce")),
                        List.of(URI.create("udp://a.example:1337/announce"), URI.create("https://b.example/ann?k=v"))),
                List.of(peer("192.0.2.1", 6881), peer("2001:db8::1", 51413), peer("198.51.100.7", 65535)),
                Optional.of("My torrent ✓"),
                Map.of(0, List.of("Renamed", "first.bin"), 2, List.of("Ünïcode ✓.txt")));
    }

    /** A record of {@code pieces} over the files {@code disk} describes, with defaults for everything else. */
    static ResumeRecord of(InfoHash hash, Bitfield pieces, DiskSnapshot disk) {
        return new ResumeRecord(
                hash,
                pieces,
                Collections.nCopies(disk.files().size(), 4),
                disk,
                ResumeRecord.Totals.NONE,
                new ResumeRecord.Times(0, 0, 1_700_000_000L, 0),
                ResumeRecord.Options.DEFAULT,
                "/downloads",
                List.of(),
                List.of(),
                Optional.empty());
    }

    static InetSocketAddress peer(String literal, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(literal), port); // literals only: no lookup
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static Bitfield bits(int size, int... set) {
        Bitfield b = new Bitfield(size);
        for (int p : set) b.set(p);
        return b;
    }
}
