package dev.torpeddo.engine.resume;

import static dev.torpeddo.engine.resume.TestRecords.bits;
import static dev.torpeddo.engine.resume.TestRecords.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.torpeddo.engine.bencode.BBytes;
import dev.torpeddo.engine.bencode.BDecoder;
import dev.torpeddo.engine.bencode.BDict;
import dev.torpeddo.engine.bencode.BEncoder;
import dev.torpeddo.engine.bencode.BInt;
import dev.torpeddo.engine.bencode.BList;
import dev.torpeddo.engine.bencode.BValue;
import dev.torpeddo.engine.internal.Bitfield;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResumeCodecTest {
    private static final byte[] FULL = ResumeCodec.encode(TestRecords.full());

    @Test
    void aRecordUsingEveryFieldReadsBackEqual() throws Exception {
        ResumeRecord r = TestRecords.full();
        assertThat(ResumeCodec.decode(ResumeCodec.encode(r))).isEqualTo(r);
    }

    /** The stored form is a documented format: these are its keys, spelled out, not taken from the encoder. */
    @Test
    void readsTheDocumentedFormat() throws Exception {
        byte[] states = ByteBuffer.allocate(32)
                .putLong(5_000)
                .putLong(42)
                .putLong(-1)
                .putLong(0)
                .array();
        byte[] written = BEncoder.encode(BDict.builder()
                .put("file-format", "torpeddo resume")
                .put("file-version", 1)
                .put("info-hash", TestRecords.HASH.bytes())
                .put("piece-count", 10)
                .put("pieces", new byte[] {(byte) 0b1000_0001, (byte) 0b0100_0000})
                .put("file-priority", new byte[] {7, 0})
                .put("file-state", states)
                .put(
                        "part-file-state",
                        ByteBuffer.allocate(16).putLong(-1).putLong(0).array())
                .put("total-uploaded", 1)
                .put("total-downloaded", 2)
                .put("total-wasted", 3)
                .put("active-time", 4)
                .put("seeding-time", 5)
                .put("added-time", 6)
                .put("completed-time", 7)
                .put("sequential-download", 1)
                .put("first-last-pieces", 0)
                .put("paused", 1)
                .put("download-rate-limit", 8)
                .put("upload-rate-limit", 9)
                .put("save-path", "/data")
                .put("trackers", BList.of(BList.of(BBytes.of("udp://t.example:80/announce"))))
                .put("peers", new byte[] {127, 0, 0, 1, 0x1a, (byte) 0xe1})
                .put("peers6", new byte[0])
                .put("name", "named")
                .put("renamed-paths", BList.of(BList.of(BInt.of(1), BBytes.of("sub/b.bin"))))
                .build());

        ResumeRecord r = ResumeCodec.decode(written);

        assertThat(r.infoHash()).isEqualTo(TestRecords.HASH);
        assertThat(r.pieces()).isEqualTo(bits(10, 0, 7, 9));
        assertThat(r.filePriorities()).containsExactly(7, 0);
        assertThat(r.disk())
                .isEqualTo(new DiskSnapshot(
                        List.of(new FileState.Present(5_000, 42), FileState.ABSENT), FileState.ABSENT));
        assertThat(r.totals()).isEqualTo(new ResumeRecord.Totals(1, 2, 3));
        assertThat(r.times()).isEqualTo(new ResumeRecord.Times(4, 5, 6, 7));
        assertThat(r.options()).isEqualTo(new ResumeRecord.Options(true, false, true, 8, 9));
        assertThat(r.savePath()).isEqualTo("/data");
        assertThat(r.trackerTiers()).containsExactly(List.of(URI.create("udp://t.example:80/announce")));
        assertThat(r.peers()).containsExactly(peer("127.0.0.1", 6881));
        assertThat(r.name()).contains("named");
        assertThat(r.renamedPaths()).isEqualTo(Map.of(1, List.of("sub", "b.bin")));
        assertThat(ResumeCodec.encode(r)).isEqualTo(written); // canonical input is written back byte for byte
    }

    @Test
    void aRecordWithoutANameHasNone() throws Exception {
        ResumeRecord r = ResumeCodec.decode(without("name"));
        assertThat(r.name()).isEmpty();
        assertThat(ResumeCodec.decode(ResumeCodec.encode(r))).isEqualTo(r);
    }

    @Test
    void aRecordWithoutRenamedPathsHasNoneAndWritesNone() throws Exception {
        ResumeRecord r = ResumeCodec.decode(without("renamed-paths"));
        assertThat(r.renamedPaths()).isEmpty();
        assertThat(ResumeCodec.encode(r)).isEqualTo(without("renamed-paths"));
    }

    @Test
    void renamedPathsAreIncreasingPairsOfAFileAndASafeRelativePath() {
        assertThat(refused(renamed())).contains("renamed-paths is empty");
        assertThat(refused(with("renamed-paths", BBytes.of("0:x")))).contains("renamed-paths");
        assertThat(refused(renamed(BList.of(BInt.of(0))))).contains("not an [index, path] pair");
        assertThat(refused(renamed(BList.of(BBytes.of("x"), BInt.of(0))))).contains("not an [index, path] pair");
        assertThat(refused(renamed(BList.of(BInt.of(0), BBytes.of("x"), BBytes.of("y")))))
                .contains("not an [index, path] pair");
        assertThat(refused(renamed(pair(2, "b"), pair(1, "a")))).contains("out of order");
        assertThat(refused(renamed(pair(1, "a"), pair(1, "b")))).contains("out of order");
        assertThat(refused(renamed(pair(-1, "a")))).contains("out of order or not below 3");
        assertThat(refused(renamed(pair(3, "a")))).contains("not below 3");
        for (String hostile : List.of(
                "../etc/passwd", "/etc/passwd", "a//b", "a/", "", "CON", "x/.torpeddo-1.move", "dir./f", "a\\b")) {
            assertThat(refused(renamed(pair(0, hostile)))).as(hostile).contains("renamed file 0 has");
        }
        assertThat(refused(renamed(BList.of(BInt.of(0), BBytes.of(new byte[] {'a', (byte) 0xff})))))
                .contains("not valid UTF-8");
    }

    @Test
    void keysOfALaterVersionAreIgnored() throws Exception {
        assertThat(ResumeCodec.decode(with("zz-later", BList.of(BInt.of(1))))).isEqualTo(TestRecords.full());
    }

    @Test
    void aRecordCutShortAnywhereIsRefused() {
        for (int length = 0; length < FULL.length; length++) {
            refused(Arrays.copyOf(FULL, length));
        }
    }

    @Test
    void randomGarbageIsRefused() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            byte[] garbage = new byte[random.nextInt(300)];
            random.nextBytes(garbage);
            refused(garbage);
        }
        refused("not bencode at all\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        refused(BEncoder.encode(BList.of(BInt.of(1))));
    }

    @Test
    void aRecordOverTheSizeLimitIsRefusedUnread() {
        assertThat(refused(new byte[ResumeCodec.MAX_BYTES + 1])).contains("exceeds the limit");
    }

    /** Every key the format requires: dropping any of them, or giving it the wrong type, is a refusal. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "file-format",
                "file-version",
                "info-hash",
                "piece-count",
                "pieces",
                "file-priority",
                "file-state",
                "part-file-state",
                "total-uploaded",
                "total-downloaded",
                "total-wasted",
                "active-time",
                "seeding-time",
                "added-time",
                "completed-time",
                "sequential-download",
                "first-last-pieces",
                "paused",
                "download-rate-limit",
                "upload-rate-limit",
                "save-path",
                "trackers",
                "peers",
                "peers6"
            })
    void aMissingOrMistypedFieldIsRefused(String key) {
        assertThat(refused(without(key))).contains(key);
        BValue original = dict(FULL).get(key).orElseThrow();
        BValue wrong = original instanceof BInt ? BBytes.of("1") : BInt.of(1);
        assertThat(refused(with(key, wrong))).contains(key);
        assertThat(refused(with(key, new BDict(java.util.Map.of())))).contains(key);
    }

    @Test
    void aNameThatIsNotTextIsRefused() {
        assertThat(refused(with("name", BInt.of(1)))).contains("name");
        assertThat(refused(with("name", BBytes.of("")))).contains("name");
        assertThat(refused(with("name", BBytes.of(new byte[] {(byte) 0xc3, 0x28}))))
                .contains("UTF-8");
    }

    @Test
    void anotherFormatOrVersionIsRefused() {
        assertThat(refused(with("file-format", BBytes.of("libtorrent resume file"))))
                .contains("not a Torpeddo resume record");
        assertThat(refused(with("file-version", BInt.of(2)))).contains("version 2");
        assertThat(refused(with("file-version", BInt.of(0)))).contains("version 0");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "piece-count",
                "total-uploaded",
                "total-downloaded",
                "total-wasted",
                "active-time",
                "seeding-time",
                "added-time",
                "completed-time",
                "download-rate-limit",
                "upload-rate-limit",
                "sequential-download",
                "first-last-pieces",
                "paused"
            })
    void aNegativeNumberIsRefused(String key) {
        assertThat(refused(with(key, BInt.of(-1)))).contains(key);
        assertThat(refused(with(key, BInt.of(Long.MIN_VALUE)))).contains(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sequential-download", "first-last-pieces", "paused"})
    void aFlagIsZeroOrOne(String key) {
        assertThat(refused(with(key, BInt.of(2)))).contains(key);
    }

    @Test
    void theBitfieldMustFitThePieceCountExactly() {
        byte[] wire = TestRecords.full().pieces().toWire(); // 21 pieces: 3 bytes, 3 spare bits
        assertThat(refused(with("pieces", BBytes.of(Arrays.copyOf(wire, 2))))).contains("pieces");
        assertThat(refused(with("pieces", BBytes.of(Arrays.copyOf(wire, 4))))).contains("pieces");
        byte[] spare = wire.clone();
        spare[2] |= 0b0000_0001;
        assertThat(refused(with("pieces", BBytes.of(spare)))).contains("spare bits");
        // A piece count that needs another number of bytes; one that does not is for ResumeCheck to catch.
        assertThat(refused(with("piece-count", BInt.of(25)))).contains("pieces");
        assertThat(refused(with("piece-count", BInt.of(16)))).contains("pieces");
        assertThat(refused(with("piece-count", BInt.of(ResumeRecord.MAX_PIECES + 1L))))
                .contains("piece-count");
    }

    @Test
    void anInfoHashIsTwentyBytes() {
        assertThat(refused(with("info-hash", BBytes.of(new byte[19])))).contains("info-hash");
        assertThat(refused(with("info-hash", BBytes.of(new byte[21])))).contains("info-hash");
    }

    @Test
    void filePrioritiesAreZeroToSevenOnePerFile() {
        assertThat(refused(with("file-priority", BBytes.of(new byte[] {4, 8, 7}))))
                .contains("priority 8");
        assertThat(refused(with("file-priority", BBytes.of(new byte[] {4, -1, 7}))))
                .contains("priority -1");
        assertThat(refused(with("file-priority", BBytes.of(new byte[] {4, 0})))).contains("2 file priorities");
        assertThat(refused(with("file-priority", BBytes.of(new byte[] {4, 0, 7, 1}))))
                .contains("4 file priorities");
    }

    @Test
    void fileStatesAreSixteenBytesEachAndSayPresentOrAbsent() {
        byte[] states = bytesOf("file-state");
        assertThat(refused(with("file-state", BBytes.of(Arrays.copyOf(states, states.length - 1)))))
                .contains("multiple of 16");
        assertThat(refused(with("file-state", BBytes.of(new byte[0])))).contains("0 files");
        ByteBuffer.wrap(states).putLong(16, -2); // the second file's size
        assertThat(refused(with("file-state", BBytes.of(states)))).contains("file 1 has size -2");
        ByteBuffer.wrap(states).putLong(16, -1).putLong(24, 99); // absent, yet with a time
        assertThat(refused(with("file-state", BBytes.of(states)))).contains("file 1 has size -1 and time 99");
        assertThat(refused(with("part-file-state", BBytes.of(new byte[15])))).contains("part-file-state");
        byte[] part = ByteBuffer.allocate(16).putLong(-7).putLong(0).array();
        assertThat(refused(with("part-file-state", BBytes.of(part)))).contains("part file");
    }

    @Test
    void peersAreCompactConnectableAndFew() {
        assertThat(refused(with("peers", BBytes.of(new byte[7])))).contains("multiple of 6");
        assertThat(refused(with("peers6", BBytes.of(new byte[17])))).contains("multiple of 18");
        assertThat(refused(with("peers", BBytes.of(new byte[] {10, 0, 0, 1, 0, 0}))))
                .contains("port 0");
        byte[] twice = {10, 0, 0, 1, 0x1a, (byte) 0xe1, 10, 0, 0, 1, 0x1a, (byte) 0xe1};
        assertThat(refused(with("peers", BBytes.of(twice)))).contains("twice");
        byte[] mapped = new byte[18];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 1;
        mapped[17] = 1;
        assertThat(refused(with("peers6", BBytes.of(mapped)))).contains("IPv4-mapped");
        byte[] many = new byte[6 * (ResumeRecord.MAX_PEERS + 1)]; // refused for the count, before any port
        assertThat(refused(with("peers", BBytes.of(many)))).contains("more than " + ResumeRecord.MAX_PEERS);
    }

    @Test
    void trackersAreTiersOfAcceptedUrls() {
        assertThat(refused(with("trackers", BList.of(BList.of())))).contains("empty tracker tier");
        assertThat(refused(with("trackers", BList.of(BBytes.of("http://t.example/a")))))
                .contains("tier");
        assertThat(refused(with("trackers", BList.of(BList.of(BInt.of(1)))))).contains("tracker");
        assertThat(refused(with("trackers", BList.of(BList.of(BBytes.of("ftp://t.example/a"))))))
                .contains("tracker URL");
        assertThat(refused(with("trackers", BList.of(BList.of(BBytes.of(new byte[] {(byte) 0xff}))))))
                .contains("UTF-8");
        assertThat(refused(with("trackers", BList.of(BList.of(BBytes.of(" http://t.example/a"))))))
                .contains("tracker URL"); // accepted from a user, but never written so
        String tooLong = "http://t.example/" + "a".repeat(ResumeRecord.MAX_URL_BYTES);
        assertThat(refused(with("trackers", BList.of(BList.of(BBytes.of(tooLong))))))
                .contains("tracker URL");
        List<BValue> tier = new ArrayList<>();
        for (int i = 0; i <= ResumeRecord.MAX_TRACKERS; i++) tier.add(BBytes.of("http://t" + i + ".example/a"));
        assertThat(refused(with("trackers", BList.of(new BList(tier))))).contains("more than");
    }

    @Test
    void theSavePathIsNonEmptyText() {
        assertThat(refused(with("save-path", BBytes.of("")))).contains("save-path");
        assertThat(refused(with("save-path", BBytes.of(new byte[] {'/', (byte) 0xed, (byte) 0xa0, (byte) 0x80}))))
                .contains("UTF-8"); // an encoded lone surrogate
        assertThat(refused(with("save-path", BBytes.of("/" + "x".repeat(ResumeRecord.MAX_TEXT_BYTES)))))
                .contains("save-path");
    }

    /** The largest record the limits allow is written within MAX_BYTES and reads back equal. */
    @Test
    void theLargestRecordFitsTheSizeLimit() throws Exception {
        int files = ResumeRecord.MAX_FILES;
        List<FileState> states = new ArrayList<>(files);
        for (int i = 0; i < files; i++) states.add(new FileState.Present(Long.MAX_VALUE, Long.MIN_VALUE));
        List<URI> urls = new ArrayList<>();
        String path = "/" + "p".repeat(ResumeRecord.MAX_URL_BYTES - "http://t0000.example/".length());
        for (int i = 0; i < ResumeRecord.MAX_TRACKERS; i++) {
            urls.add(URI.create("http://t%04d.example%s".formatted(i, path)));
        }
        List<InetSocketAddress> peers = new ArrayList<>();
        for (int i = 0; i < ResumeRecord.MAX_PEERS; i++) peers.add(peer("2001:db8::" + Integer.toHexString(i + 1), 1));
        String text = "é".repeat(ResumeRecord.MAX_TEXT_BYTES / 2);
        Map<Integer, List<String>> renamed = new HashMap<>();
        int pathBytes = ResumeRecord.MAX_RENAMED_BYTES / files;
        for (int i = 0; i < files; i++) renamed.put(i, List.of(String.format("%0" + pathBytes + "d", i)));
        ResumeRecord largest = new ResumeRecord(
                TestRecords.HASH,
                Bitfield.full(ResumeRecord.MAX_PIECES),
                Collections.nCopies(files, ResumeRecord.MAX_PRIORITY),
                new DiskSnapshot(states, new FileState.Present(Long.MAX_VALUE, Long.MAX_VALUE)),
                new ResumeRecord.Totals(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE),
                new ResumeRecord.Times(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE),
                new ResumeRecord.Options(true, true, true, Long.MAX_VALUE, Long.MAX_VALUE),
                text,
                urls.stream().map(List::of).toList(),
                peers,
                Optional.of(text),
                renamed);
        assertThat(largest.trackerTiers()).hasSize(ResumeRecord.MAX_TRACKERS); // every URL was storable

        byte[] encoded = ResumeCodec.encode(largest);

        assertThat(encoded.length).isLessThanOrEqualTo(ResumeCodec.MAX_BYTES);
        assertThat(ResumeCodec.decode(encoded)).isEqualTo(largest);
    }

    /** Decodes and returns the refusal's message, which must be one line. */
    private static String refused(byte[] data) {
        ResumeException e = catchThrowableOfType(ResumeException.class, () -> ResumeCodec.decode(data));
        assertThat(e).as("refusal of %d bytes", data.length).isNotNull();
        assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        return e.getMessage();
    }

    private static BDict dict(byte[] data) {
        try {
            return (BDict) BDecoder.DEFAULT.decode(data);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] bytesOf(String key) {
        return ((BBytes) dict(FULL).get(key).orElseThrow()).bytes();
    }

    /** The full record's encoding with {@code key} set to {@code value}. */
    private static byte[] with(String key, BValue value) {
        BDict.Builder b = BDict.builder();
        dict(FULL).entries().forEach(b::put);
        return BEncoder.encode(b.put(key, value).build());
    }

    private static byte[] renamed(BValue... pairs) {
        return with("renamed-paths", BList.of(pairs));
    }

    private static BList pair(long index, String path) {
        return BList.of(BInt.of(index), BBytes.of(path));
    }

    private static byte[] without(String key) {
        BDict.Builder b = BDict.builder();
        dict(FULL).entries().forEach(b::put);
        return BEncoder.encode(b.remove(key).build());
    }
}
