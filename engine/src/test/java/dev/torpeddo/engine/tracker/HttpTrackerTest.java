package dev.torpeddo.engine.tracker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpTrackerTest {
    private static final InfoHash HASH = InfoHash.ofHex("00ff20417e2d2e5f7e80c3a90102030405060708");
    private static final byte[] PEER_ID = "-TP0001-abcdefghijkl".getBytes(UTF_8);
    private static final AnnounceRequest STARTED =
            new AnnounceRequest(HASH, PEER_ID, 6881, 10, 20, 30, AnnounceEvent.STARTED, 50, 0xBEEF);

    private final FakeHttpTracker fake = newFake();
    private final TrackerTransport transport = TrackerTransport.defaults().withHttpTimeout(Duration.ofSeconds(10));

    private static FakeHttpTracker newFake() {
        try {
            return new FakeHttpTracker();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() {
        fake.close();
    }

    private Tracker tracker() throws TrackerException {
        return Tracker.of(fake.announceUri(), transport);
    }

    private static byte[] compact(int a, int b, int c, int d, int port) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d, (byte) (port >> 8), (byte) port};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    @Test
    void readsCompactPeersCountsIntervalsAndWarning() throws Exception {
        byte[] v6 = new byte[18];
        v6[15] = 1; // ::1
        v6[16] = 0x1a;
        v6[17] = (byte) 0xe1; // port 6881
        fake.reply(TestBencode.encode(Map.of(
                "interval",
                900,
                "min interval",
                120,
                "complete",
                5,
                "incomplete",
                7,
                "warning message",
                "slow down",
                "peers",
                concat(compact(10, 0, 0, 1, 6881), compact(192, 168, 1, 2, 51413)),
                "peers6",
                v6)));

        AnnounceResponse r = tracker().announce(STARTED);

        assertThat(r.peers())
                .containsExactly(
                        new InetSocketAddress("10.0.0.1", 6881),
                        new InetSocketAddress("192.168.1.2", 51413),
                        new InetSocketAddress(InetAddress.ofLiteral("::1"), 6881));
        assertThat(r.interval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(r.minInterval()).contains(Duration.ofMinutes(2));
        assertThat(r.seeders()).isEqualTo(OptionalInt.of(5));
        assertThat(r.leechers()).isEqualTo(OptionalInt.of(7));
        assertThat(r.warningMessage()).contains("slow down");
    }

    @Test
    void sendsBinaryFieldsPercentEncodedByteByByteAndAllParameters() throws Exception {
        tracker().announce(STARTED);

        String query = fake.queries.getFirst();
        assertThat(query).contains("info_hash=%00%FF%20A~-._~%80%C3%A9%01%02%03%04%05%06%07%08");
        assertThat(query)
                .contains(
                        "peer_id=-TP0001-abcdefghijkl",
                        "port=6881",
                        "uploaded=10",
                        "downloaded=20",
                        "left=30",
                        "compact=1",
                        "no_peer_id=1",
                        "event=started",
                        "numwant=50",
                        "key=beef");
    }

    @Test
    void tellsTheTrackerOurIpv6AddressWhenWeHaveOneAndNothingOtherwise() throws Exception {
        Tracker told = Tracker.of(
                fake.announceUri(),
                transport.withIpv6(() -> java.util.Optional.of(InetAddress.ofLiteral("2001:db8::5"))));
        told.announce(STARTED);
        assertThat(fake.queries.getFirst()).contains("&ipv6=2001%3Adb8%3A0%3A0%3A0%3A0%3A0%3A5");

        tracker().announce(STARTED);
        assertThat(fake.queries.get(1)).doesNotContain("ipv6=");
    }

    @Test
    void appendsToAnAnnounceUrlThatAlreadyHasAQuery() throws Exception {
        Tracker t = Tracker.of(fake.uri("/announce?passkey=s3cret"), transport);
        t.announce(STARTED);
        assertThat(fake.queries.getFirst()).startsWith("passkey=s3cret&info_hash=");
    }

    @Test
    void omitsTheEventForARegularAnnounce() throws Exception {
        tracker().announce(STARTED.withEvent(AnnounceEvent.NONE));
        assertThat(fake.queries.getFirst()).doesNotContain("event=");
    }

    @Test
    void usesHttp11WithoutAnUpgradeRequest() throws Exception {
        tracker().announce(STARTED);
        var exchange = fake.exchanges.getFirst();
        assertThat(exchange.getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(exchange.getRequestHeaders().containsKey("Upgrade")).isFalse();
    }

    @Test
    void echoesTheTrackerIdOnLaterAnnounces() throws Exception {
        fake.reply(TestBencode.encode(Map.of("interval", 900, "peers", new byte[0], "tracker id", "T-42")));
        Tracker t = tracker();
        AnnounceResponse first = t.announce(STARTED);
        t.announce(STARTED.withEvent(AnnounceEvent.NONE));

        assertThat(first.trackerId()).contains("T-42");
        assertThat(fake.queries.get(0)).doesNotContain("trackerid");
        assertThat(fake.queries.get(1)).contains("trackerid=T-42");
    }

    @Test
    void failureReasonBecomesTheExceptionMessage() throws Exception {
        fake.reply(TestBencode.encode(Map.of("failure reason", "unregistered torrent")));
        assertThatThrownBy(() -> tracker().announce(STARTED))
                .isInstanceOf(TrackerException.class)
                .hasMessage("tracker " + fake.announceUri() + ": failure reason: unregistered torrent");
    }

    @Test
    void failureReasonOnAnErrorStatusIsStillShown() throws Exception {
        fake.handler =
                ex -> FakeHttpTracker.respond(ex, 403, TestBencode.encode(Map.of("failure reason", "passkey invalid")));
        assertThatThrownBy(() -> tracker().announce(STARTED)).hasMessageEndingWith("failure reason: passkey invalid");
    }

    @Test
    void httpErrorStatusIsReported() {
        fake.handler = ex -> FakeHttpTracker.respond(ex, 404, "not here".getBytes(UTF_8));
        assertThatThrownBy(() -> tracker().announce(STARTED)).hasMessageEndingWith(": HTTP status 404");
    }

    @Test
    void invalidBencodingIsABadResponse() {
        fake.reply("d8:intervali1800e5:peers".getBytes(UTF_8));
        assertThatThrownBy(() -> tracker().announce(STARTED))
                .isInstanceOf(TrackerException.class)
                .hasMessageContaining(": bad response: invalid bencoding");
    }

    @Test
    void aBodyThatIsNotADictionaryIsABadResponse() {
        fake.reply("<html>hello</html>".getBytes(UTF_8));
        assertThatThrownBy(() -> tracker().announce(STARTED)).hasMessageContaining(": bad response: ");
    }

    @Test
    void peersLengthMustBeAMultipleOf6() {
        fake.reply(TestBencode.encode(Map.of("interval", 900, "peers", new byte[13])));
        assertThatThrownBy(() -> tracker().announce(STARTED))
                .hasMessage("tracker " + fake.announceUri() + ": bad response: peers length 13 is not a multiple of 6");
    }

    @Test
    void peers6LengthMustBeAMultipleOf18() {
        fake.reply(TestBencode.encode(Map.of("interval", 900, "peers", new byte[0], "peers6", new byte[20])));
        assertThatThrownBy(() -> tracker().announce(STARTED))
                .hasMessageEndingWith("bad response: peers6 length 20 is not a multiple of 18");
    }

    @Test
    void intervalsAreClampedToSaneBounds() throws Exception {
        Tracker t = tracker();
        fake.reply(TestBencode.encode(Map.of("interval", 0, "peers", new byte[0])));
        assertThat(t.announce(STARTED).interval()).isEqualTo(Duration.ofMinutes(30));
        fake.reply(TestBencode.encode(Map.of("interval", -5, "peers", new byte[0])));
        assertThat(t.announce(STARTED).interval()).isEqualTo(Duration.ofMinutes(30));
        fake.reply(TestBencode.encode(Map.of("peers", new byte[0])));
        assertThat(t.announce(STARTED).interval()).isEqualTo(Duration.ofMinutes(30));
        fake.reply(TestBencode.encode(Map.of("interval", 5, "peers", new byte[0])));
        assertThat(t.announce(STARTED).interval()).isEqualTo(Duration.ofSeconds(60));
        fake.reply(TestBencode.encode(Map.of("interval", 10_000_000, "min interval", 9_000_000, "peers", new byte[0])));
        AnnounceResponse huge = t.announce(STARTED);
        assertThat(huge.interval()).isEqualTo(Duration.ofHours(2));
        assertThat(huge.minInterval()).contains(Duration.ofHours(2));
    }

    @Test
    void minIntervalAboveIntervalIsCappedAtTheInterval() throws Exception {
        fake.reply(TestBencode.encode(Map.of("interval", 600, "min interval", 900, "peers", new byte[0])));
        assertThat(tracker().announce(STARTED).minInterval()).contains(Duration.ofMinutes(10));
    }

    @Test
    void decodesAGzipBody() throws Exception {
        byte[] plain = TestBencode.encode(Map.of("interval", 900, "peers", compact(1, 2, 3, 4, 80)));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(gz)) {
            out.write(plain);
        }
        fake.handler = ex -> {
            ex.getResponseHeaders().add("Content-Encoding", "gzip");
            FakeHttpTracker.respond(ex, 200, gz.toByteArray());
        };

        assertThat(tracker().announce(STARTED).peers()).containsExactly(new InetSocketAddress("1.2.3.4", 80));
        assertThat(fake.exchanges.getFirst().getRequestHeaders().getFirst("Accept-Encoding"))
                .contains("gzip");
    }

    @Test
    void aCorruptGzipBodyIsABadResponse() {
        fake.handler = ex -> {
            ex.getResponseHeaders().add("Content-Encoding", "gzip");
            FakeHttpTracker.respond(ex, 200, "definitely not gzip".getBytes(UTF_8));
        };
        assertThatThrownBy(() -> tracker().announce(STARTED)).hasMessageContaining("bad response: invalid gzip body");
    }

    @Test
    void readsANonCompactPeerListAndSkipsHostNames() throws Exception {
        fake.reply(TestBencode.encode(Map.of(
                "interval",
                900,
                "peers",
                List.of(
                        Map.of("ip", "10.1.2.3", "port", 6881, "peer id", "-XX0001-000000000000"),
                        Map.of("ip", "2001:db8::7", "port", 51413),
                        Map.of("ip", "peer.example.org", "port", 6881),
                        Map.of("ip", "10.1.2.4", "port", 0)))));

        assertThat(tracker().announce(STARTED).peers())
                .containsExactly(new InetSocketAddress("10.1.2.3", 6881), new InetSocketAddress("2001:db8::7", 51413));
    }

    @Test
    void aNonCompactPeerWithoutPortIsABadResponse() {
        fake.reply(TestBencode.encode(Map.of("interval", 900, "peers", List.of(Map.of("ip", "10.1.2.3")))));
        assertThatThrownBy(() -> tracker().announce(STARTED)).hasMessageContaining("bad response: peer entry");
    }

    @Test
    void refusesAHugeBody() {
        byte[] huge = new byte[3 << 20];
        Arrays.fill(huge, (byte) 'x');
        fake.reply(huge);
        assertThatThrownBy(() -> tracker().announce(STARTED))
                .hasMessageEndingWith("bad response: body larger than 2 MiB");
    }

    @Test
    void followsRedirects() throws Exception {
        try (FakeHttpTracker target = new FakeHttpTracker()) {
            target.reply(TestBencode.encode(Map.of("interval", 900, "peers", compact(5, 6, 7, 8, 9))));
            fake.handler = ex -> {
                ex.getResponseHeaders()
                        .add(
                                "Location",
                                target.uri("/announce?" + ex.getRequestURI().getRawQuery())
                                        .toString());
                FakeHttpTracker.respond(ex, 302, new byte[0]);
            };
            assertThat(tracker().announce(STARTED).peers()).containsExactly(new InetSocketAddress("5.6.7.8", 9));
            assertThat(target.queries.getFirst()).contains("info_hash=");
        }
    }

    @Test
    void aTrackerThatTricklesItsAnswerIsCutOffAtTheTimeout() throws Exception {
        // A byte every 50 ms, for ever: each read alone is quick, the whole answer never comes.
        try (java.net.ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread trickler = Thread.ofVirtual().start(() -> {
                try (java.net.Socket s = server.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    for (int i = 0; ; i++) {
                        s.getOutputStream().write(i == 0 ? 'H' : 'x');
                        s.getOutputStream().flush();
                        Thread.sleep(50);
                    }
                } catch (IOException | InterruptedException e) {
                    // the client gave up: done
                }
            });
            URI slow = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/announce");
            TrackerTransport quick = transport.withHttpTimeout(Duration.ofMillis(500));
            long start = System.nanoTime();

            assertThatThrownBy(() -> Tracker.of(slow, quick).announce(STARTED))
                    .isInstanceOf(TrackerException.class)
                    .hasMessageEndingWith("timed out after 0 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            trickler.interrupt();
        }
    }

    @Test
    void anUnreachableTrackerIsReported() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + freePort + "/announce");
        assertThatThrownBy(() -> Tracker.of(closed, transport).announce(STARTED))
                .isInstanceOf(TrackerException.class)
                .hasMessageStartingWith("tracker " + closed + ": unreachable: ");
    }

    @Test
    void scrapesViaTheDerivedScrapeUrl() throws Exception {
        // The keys of "files" are raw bytes; TestBencode writes strings as UTF-8, so encode the hash key by hand.
        fake.reply(concat(
                "d5:filesd20:".getBytes(UTF_8),
                HASH.bytes(),
                TestBencode.encode(Map.of("complete", 3, "incomplete", 4, "downloaded", 11)),
                "ee".getBytes(UTF_8)));

        assertThat(tracker().scrape(HASH)).isEqualTo(new ScrapeResponse(3, 4, 11));
        assertThat(fake.paths.getFirst()).isEqualTo("/scrape");
        assertThat(fake.queries.getFirst()).isEqualTo("info_hash=" + QueryString.percentEncode(HASH.bytes()));
    }

    @Test
    void scrapeOfAnUnlistedTorrentIsABadResponse() {
        fake.reply("d5:filesdee".getBytes(UTF_8));
        assertThatThrownBy(() -> tracker().scrape(HASH))
                .hasMessageEndingWith("bad response: scrape does not list this torrent");
    }

    @Test
    void scrapeIsUnsupportedWithoutAnAnnouncePathSegment() throws Exception {
        Tracker t = Tracker.of(fake.uri("/tracker.php"), transport);
        assertThatThrownBy(() -> t.scrape(HASH)).hasMessageEndingWith(": scrape not supported");
        assertThat(fake.queries).isEmpty();
    }

    @Test
    void scrapeUrlFollowsTheBep48Rule() {
        assertThat(HttpTracker.scrapeUri(URI.create("http://t.example/announce")))
                .contains(URI.create("http://t.example/scrape"));
        assertThat(HttpTracker.scrapeUri(URI.create("http://t.example:81/x/announce.php?pk=1")))
                .contains(URI.create("http://t.example:81/x/scrape.php?pk=1"));
        assertThat(HttpTracker.scrapeUri(URI.create("http://t.example/a/announce/x")))
                .isEqualTo(Optional.empty());
        assertThat(HttpTracker.scrapeUri(URI.create("http://t.example/x%20announce")))
                .isEqualTo(Optional.empty());
    }

    @Test
    void unsupportedSchemesAndHostlessUrlsAreRefused() {
        assertThatThrownBy(() -> Tracker.of(URI.create("wss://t.example/announce"), transport))
                .isInstanceOf(TrackerException.class)
                .hasMessage("tracker wss://t.example/announce: unsupported scheme 'wss'");
        assertThatThrownBy(() -> Tracker.of(URI.create("udp://t.example/announce"), transport))
                .hasMessage("tracker udp://t.example/announce: no port in URL");
        assertThatThrownBy(() -> Tracker.of(URI.create("http:///announce"), transport))
                .hasMessageEndingWith(": no host in URL");
    }
}
