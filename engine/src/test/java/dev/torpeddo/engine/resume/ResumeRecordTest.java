package dev.torpeddo.engine.resume;

import static dev.torpeddo.engine.resume.TestRecords.bits;
import static dev.torpeddo.engine.resume.TestRecords.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.internal.Bitfield;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResumeRecordTest {
    private static final DiskSnapshot TWO_FILES =
            new DiskSnapshot(List.of(new FileState.Present(10, 1), FileState.ABSENT), FileState.ABSENT);

    @Test
    void changingTheBitfieldGivenOrReturnedDoesNotChangeTheRecord() {
        Bitfield given = bits(8, 1, 2);
        ResumeRecord r = TestRecords.of(TestRecords.HASH, given, TWO_FILES);
        given.set(5);
        r.pieces().set(6);
        assertThat(r.pieces()).isEqualTo(bits(8, 1, 2));
        assertThat(r.pieceCount()).isEqualTo(8);
    }

    @Test
    void prioritiesAreZeroToSevenOnePerFile() {
        ResumeRecord ok = TestRecords.of(TestRecords.HASH, bits(8), TWO_FILES);
        assertThatThrownBy(() -> withPriorities(ok, List.of(0, 8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("priority 8");
        assertThatThrownBy(() -> withPriorities(ok, List.of(-1, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> withPriorities(ok, List.of(4))).hasMessageContaining("2 file states for 1 files");
        assertThat(withPriorities(ok, List.of(0, 7)).filePriorities()).containsExactly(0, 7);
    }

    @Test
    void countsTimesAndLimitsAreNotNegative() {
        assertThatThrownBy(() -> new ResumeRecord.Totals(0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResumeRecord.Times(0, 0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResumeRecord.Options(false, false, false, -1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileState.Present(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRatioIsUploadedOverDownloaded() {
        assertThat(new ResumeRecord.Totals(300, 200, 0).ratio()).isEqualTo(1.5);
        assertThat(new ResumeRecord.Totals(0, 0, 0).ratio()).isZero();
        assertThat(new ResumeRecord.Totals(5, 0, 0).ratio()).isInfinite();
    }

    @Test
    void textMustBeNonEmptyAndEncodable() {
        ResumeRecord ok = TestRecords.of(TestRecords.HASH, bits(8), TWO_FILES);
        assertThatThrownBy(() -> withText(ok, "", Optional.empty())).hasMessageContaining("empty save path");
        assertThatThrownBy(() -> withText(ok, "/a\uD800b", Optional.empty())) // a lone surrogate
                .hasMessageContaining("save path");
        assertThatThrownBy(() -> withText(ok, "/d", Optional.of(""))).hasMessageContaining("empty name");
        assertThatThrownBy(() -> withText(ok, "/d", Optional.of("n".repeat(ResumeRecord.MAX_TEXT_BYTES + 1))))
                .hasMessageContaining("name");
    }

    @Test
    void peersAreKeptDistinctConnectableFirstFewIpv4First() throws Exception {
        InetSocketAddress v6 = peer("2001:db8::7", 7);
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 3};
        List<InetSocketAddress> given = List.of(
                v6,
                peer("192.0.2.1", 1),
                peer("192.0.2.1", 1), // again
                InetSocketAddress.createUnresolved("tracker.example", 80),
                peer("192.0.2.2", 0),
                new InetSocketAddress(Inet6Address.getByAddress(null, mapped, -1), 3), // IPv4-mapped
                peer("fe80::1%1", 9));

        List<InetSocketAddress> kept = withPeers(given).peers();

        assertThat(kept).containsExactly(peer("192.0.2.1", 1), peer("192.0.2.3", 3), v6, peer("fe80::1", 9));
        assertThat(kept.get(1).getAddress()).isInstanceOf(Inet4Address.class);
        assertThat(((Inet6Address) kept.get(3).getAddress()).getScopeId()).isZero();
    }

    @Test
    void onlyTheFirstMaxPeersAreKept() {
        List<InetSocketAddress> many = new ArrayList<>();
        for (int i = 0; i < ResumeRecord.MAX_PEERS + 50; i++) many.add(peer("10.0." + (i / 250) + "." + (i % 250), 1));
        many.addFirst(many.getFirst()); // a duplicate does not take a place
        List<InetSocketAddress> kept = withPeers(many).peers();
        assertThat(kept)
                .hasSize(ResumeRecord.MAX_PEERS)
                .startsWith(many.getFirst())
                .doesNotHaveDuplicates();
        assertThat(kept.getLast()).isEqualTo(many.get(ResumeRecord.MAX_PEERS));
    }

    @Test
    void trackerUrlsTheFormatCannotHoldAreDroppedWithTheTiersTheyEmpty() {
        URI good = URI.create("http://t.example/announce");
        URI udp = URI.create("udp://u.example:80");
        List<List<URI>> tiers = List.of(
                List.of(URI.create("ftp://t.example/a"), good),
                List.of(URI.create("http:///no-host")),
                List.of(),
                List.of(URI.create("http://t.example/" + "a".repeat(ResumeRecord.MAX_URL_BYTES)), udp));

        assertThat(withTrackers(tiers).trackerTiers()).containsExactly(List.of(good), List.of(udp));
    }

    @Test
    void atMostMaxTrackersAreKeptInTheirOrder() {
        List<URI> urls = new ArrayList<>();
        for (int i = 0; i < ResumeRecord.MAX_TRACKERS + 3; i++) urls.add(URI.create("http://t" + i + ".example/a"));
        List<List<URI>> kept = withTrackers(List.of(urls.subList(0, 10), urls.subList(10, urls.size())))
                .trackerTiers();
        assertThat(kept).hasSize(2);
        assertThat(kept.get(0)).isEqualTo(urls.subList(0, 10));
        assertThat(kept.get(1)).isEqualTo(urls.subList(10, ResumeRecord.MAX_TRACKERS));
    }

    @Test
    void renamedPathsAreKeptSortedAndImmutable() {
        Map<Integer, List<String>> given = new HashMap<>();
        given.put(1, new ArrayList<>(List.of("b", "c.txt")));
        given.put(0, List.of("a.txt"));
        ResumeRecord r = withRenames(given);
        given.get(1).set(0, "changed");

        assertThat(r.renamedPaths()).isEqualTo(Map.of(0, List.of("a.txt"), 1, List.of("b", "c.txt")));
        assertThat(r.renamedPaths().keySet()).containsExactly(0, 1);
        assertThatThrownBy(() -> r.renamedPaths().put(2, List.of("x")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(TestRecords.of(TestRecords.HASH, bits(8), TWO_FILES).renamedPaths())
                .isEmpty();
    }

    @Test
    void renamedPathsMustBeSafeAndBelongToAFile() {
        assertThatThrownBy(() -> withRenames(Map.of(2, List.of("x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("renamed file 2 of 2");
        for (List<String> bad : List.of(
                List.<String>of(),
                List.of(".."),
                List.of("a", ""),
                List.of("CON"),
                List.of("a/b"),
                List.of("a\\b"),
                List.of(".torpeddo-0123.parts"),
                List.of("trailing."))) {
            assertThatThrownBy(() -> withRenames(Map.of(0, bad)))
                    .as("%s", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("renamed file 0");
        }
        List<String> deep = java.util.Collections.nCopies(ResumeRecord.MAX_PATH_DEPTH + 1, "d");
        assertThatThrownBy(() -> withRenames(Map.of(0, deep))).isInstanceOf(IllegalArgumentException.class);
    }

    private static ResumeRecord withRenames(Map<Integer, List<String>> renamed) {
        ResumeRecord r = TestRecords.of(TestRecords.HASH, bits(8), TWO_FILES);
        return new ResumeRecord(
                r.infoHash(),
                r.pieces(),
                r.filePriorities(),
                r.disk(),
                r.totals(),
                r.times(),
                r.options(),
                r.savePath(),
                r.trackerTiers(),
                r.peers(),
                r.name(),
                renamed);
    }

    private static ResumeRecord withPriorities(ResumeRecord r, List<Integer> priorities) {
        return new ResumeRecord(
                r.infoHash(),
                r.pieces(),
                priorities,
                r.disk(),
                r.totals(),
                r.times(),
                r.options(),
                r.savePath(),
                r.trackerTiers(),
                r.peers(),
                r.name());
    }

    private static ResumeRecord withText(ResumeRecord r, String savePath, Optional<String> name) {
        return new ResumeRecord(
                r.infoHash(),
                r.pieces(),
                r.filePriorities(),
                r.disk(),
                r.totals(),
                r.times(),
                r.options(),
                savePath,
                r.trackerTiers(),
                r.peers(),
                name);
    }

    private static ResumeRecord withPeers(List<InetSocketAddress> peers) {
        ResumeRecord r = TestRecords.of(TestRecords.HASH, bits(8), TWO_FILES);
        return new ResumeRecord(
                r.infoHash(),
                r.pieces(),
                r.filePriorities(),
                r.disk(),
                r.totals(),
                r.times(),
                r.options(),
                r.savePath(),
                r.trackerTiers(),
                peers,
                r.name());
    }

    private static ResumeRecord withTrackers(List<List<URI>> tiers) {
        ResumeRecord r = TestRecords.of(TestRecords.HASH, bits(8), TWO_FILES);
        return new ResumeRecord(
                r.infoHash(),
                r.pieces(),
                r.filePriorities(),
                r.disk(),
                r.totals(),
                r.times(),
                r.options(),
                r.savePath(),
                tiers,
                r.peers(),
                r.name());
    }
}
