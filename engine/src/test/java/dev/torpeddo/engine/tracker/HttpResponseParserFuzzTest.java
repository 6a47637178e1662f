package dev.torpeddo.engine.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torpeddo.engine.fuzz.FuzzChecks;
import dev.torpeddo.engine.fuzz.FuzzChecks.Outcome;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fuzz targets for HTTP tracker bodies (announce and scrape), which any server named in a .torrent or magnet
 * link can send. The HTTP framing of plain http is PlainHttp's (fuzzed by PlainHttpFuzzTest), of https the JDK's;
 * gzip is java.util.zip; the size cap on top is HttpTracker's and covered by HttpTrackerTest. Seeds: HttpResponseParserFuzzTestInputs/{announce,scrape}.
 */
class HttpResponseParserFuzzTest {
    @FuzzTest
    void announce(byte[] input) throws ResponseProblem {
        Outcome<AnnounceResponse> outcome =
                FuzzChecks.parse(input.length, () -> HttpResponseParser.parseResponse(input), ResponseProblem.class);
        switch (outcome) {
            case Outcome.Refused<AnnounceResponse>(Exception problem) ->
                TrackerFuzzChecks.assertOneLine(problem.getMessage());
            case Outcome.Parsed<AnnounceResponse>(AnnounceResponse response) -> {
                TrackerFuzzChecks.assertSane(response, input.length / 6);
                // Rendered back the way a tracker would send it, it reads the same: nothing was misread.
                AnnounceResponse again = HttpResponseParser.parseResponse(render(response));
                assertThat(TrackerFuzzChecks.withoutPeerOrder(again))
                        .isEqualTo(TrackerFuzzChecks.withoutPeerOrder(response));
            }
        }
    }

    /** Input: the 20-byte info-hash we asked about, then the body. */
    @FuzzTest
    void scrape(byte[] input) throws ResponseProblem {
        if (input.length < InfoHash.LENGTH) return;
        byte[] infoHash = Arrays.copyOf(input, InfoHash.LENGTH);
        byte[] body = Arrays.copyOfRange(input, InfoHash.LENGTH, input.length);
        Outcome<ScrapeResponse> outcome = FuzzChecks.parse(
                body.length, () -> HttpResponseParser.parseScrape(body, infoHash), ResponseProblem.class);
        switch (outcome) {
            case Outcome.Refused<ScrapeResponse>(Exception problem) ->
                TrackerFuzzChecks.assertOneLine(problem.getMessage());
            case Outcome.Parsed<ScrapeResponse>(ScrapeResponse counts) -> {
                assertThat(counts.complete()).isNotNegative();
                assertThat(counts.incomplete()).isNotNegative();
                assertThat(counts.downloaded()).isNotNegative();
                assertThat(HttpResponseParser.parseScrape(renderScrape(infoHash, counts), infoHash))
                        .isEqualTo(counts);
            }
        }
    }

    /** A compact announce body (BEP 23, BEP 7) with every field the response holds. */
    private static byte[] render(AnnounceResponse r) {
        ByteArrayOutputStream v4 = new ByteArrayOutputStream();
        ByteArrayOutputStream v6 = new ByteArrayOutputStream();
        for (InetSocketAddress peer : r.peers()) {
            ByteArrayOutputStream out = peer.getAddress() instanceof Inet4Address ? v4 : v6;
            out.writeBytes(peer.getAddress().getAddress());
            out.write(peer.getPort() >> 8);
            out.write(peer.getPort());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("interval", r.interval().toSeconds());
        r.minInterval().ifPresent(min -> body.put("min interval", min.toSeconds()));
        body.put("peers", v4.toByteArray());
        body.put("peers6", v6.toByteArray());
        r.seeders().ifPresent(n -> body.put("complete", n));
        r.leechers().ifPresent(n -> body.put("incomplete", n));
        r.warningMessage().ifPresent(w -> body.put("warning message", w));
        r.trackerId().ifPresent(id -> body.put("tracker id", id));
        return TestBencode.encode(body);
    }

    /** A scrape body listing {@code counts} under the raw info-hash (a binary key TestBencode cannot write). */
    private static byte[] renderScrape(byte[] infoHash, ScrapeResponse counts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("d5:filesd20:".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(infoHash);
        out.writeBytes(TestBencode.encode(Map.of(
                "complete", counts.complete(),
                "downloaded", counts.downloaded(),
                "incomplete", counts.incomplete())));
        out.writeBytes("ee".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
