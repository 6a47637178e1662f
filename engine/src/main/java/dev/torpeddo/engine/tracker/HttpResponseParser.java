package dev.torpeddo.engine.tracker;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns an HTTP tracker's bencoded body into a response. This is the only place that knows the body is bencoded,
 * so swapping in the shared bencode decoder later touches nothing else.
 */
final class HttpResponseParser {
    private HttpResponseParser() {}

    static AnnounceResponse parseResponse(byte[] body) throws ResponseProblem {
        Map<String, Object> dict = topLevel(body);
        Optional<String> warning = optionalText(dict, "warning message");
        long intervalSeconds = optionalLong(dict, "interval").orElse(-1L);
        Duration interval = AnnounceResponse.clampInterval(intervalSeconds);
        Optional<Duration> minInterval = AnnounceResponse.clampMinInterval(
                optionalLong(dict, "min interval").orElse(-1L), interval);

        Set<InetSocketAddress> peers = new LinkedHashSet<>();
        Object v4 = dict.get("peers");
        switch (v4) {
            case null -> {}
            case byte[] compact -> peers.addAll(CompactPeers.ipv4(compact, 0, compact.length));
            case List<?> list -> peers.addAll(dictionaryPeers(list));
            default -> throw ResponseProblem.bad("peers is neither a string nor a list");
        }
        Object v6 = dict.get("peers6");
        switch (v6) {
            case null -> {}
            case byte[] compact -> peers.addAll(CompactPeers.ipv6(compact, 0, compact.length));
            default -> throw ResponseProblem.bad("peers6 is not a string");
        }
        return new AnnounceResponse(
                interval,
                minInterval,
                List.copyOf(peers),
                count(dict, "complete"),
                count(dict, "incomplete"),
                warning,
                optionalText(dict, "tracker id"));
    }

    /** Reads the counters for {@code infoHash} from a scrape body ({@code files} dictionary keyed by raw hash). */
    static ScrapeResponse parseScrape(byte[] body, byte[] infoHash) throws ResponseProblem {
        Map<String, Object> dict = topLevel(body);
        if (!(dict.get("files") instanceof Map<?, ?> files))
            throw ResponseProblem.bad("scrape has no files dictionary");
        Object entry = files.get(new String(infoHash, StandardCharsets.ISO_8859_1));
        if (!(entry instanceof Map<?, ?> stats)) throw ResponseProblem.bad("scrape does not list this torrent");
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) stats;
        return new ScrapeResponse(
                count(s, "complete").orElse(0),
                count(s, "incomplete").orElse(0),
                count(s, "downloaded").orElse(0));
    }

    /** Decodes the body, insists on a dictionary, and turns {@code failure reason} into the tracker's refusal. */
    private static Map<String, Object> topLevel(byte[] body) throws ResponseProblem {
        if (!(TrackerBencode.decode(body) instanceof Map<?, ?> map)) throw ResponseProblem.bad("not a dictionary");
        @SuppressWarnings("unchecked")
        Map<String, Object> dict = (Map<String, Object>) map;
        Optional<String> failure = optionalText(dict, "failure reason");
        if (failure.isPresent()) throw new ResponseProblem("failure reason: " + failure.get());
        return dict;
    }

    private static List<InetSocketAddress> dictionaryPeers(List<?> list) throws ResponseProblem {
        List<InetSocketAddress> peers = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> peer)) throw ResponseProblem.bad("peer entry is not a dictionary");
            if (!(peer.get("ip") instanceof byte[] ip)) throw ResponseProblem.bad("peer entry without ip");
            if (!(peer.get("port") instanceof Long port) || port < 0 || port > 65535) {
                throw ResponseProblem.bad("peer entry without a valid port");
            }
            if (port == 0) continue;
            // BEP 3 allows DNS names here; resolving them for every peer would let a tracker make us do lookups
            // on its behalf, so only address literals are used. A scoped IPv6 literal (fe80::1%eth0) names one of
            // our interfaces, which a tracker cannot know: skipped before parsing, which would look the
            // interface up (as magnet peers are, in PeerAddress).
            String literal = new String(ip, StandardCharsets.US_ASCII);
            if (literal.indexOf('%') >= 0) continue;
            try {
                peers.add(new InetSocketAddress(InetAddress.ofLiteral(literal), port.intValue()));
            } catch (IllegalArgumentException notALiteral) {
                // skipped, see above
            }
        }
        return peers;
    }

    private static Optional<String> optionalText(Map<String, Object> dict, String key) throws ResponseProblem {
        Object v = dict.get(key);
        if (v == null) return Optional.empty();
        if (!(v instanceof byte[] bytes)) throw ResponseProblem.bad(key + " is not a string");
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    private static Optional<Long> optionalLong(Map<String, Object> dict, String key) throws ResponseProblem {
        Object v = dict.get(key);
        if (v == null) return Optional.empty();
        if (!(v instanceof Long l)) throw ResponseProblem.bad(key + " is not an integer");
        return Optional.of(l);
    }

    /** A peer count; negative or absurdly large values are tracker bugs and read as "not reported". */
    private static OptionalInt count(Map<String, Object> dict, String key) throws ResponseProblem {
        Optional<Long> v = optionalLong(dict, key);
        if (v.isEmpty() || v.get() < 0 || v.get() > Integer.MAX_VALUE) return OptionalInt.empty();
        return OptionalInt.of(v.get().intValue());
    }
}
