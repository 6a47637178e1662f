package dev.torpeddo.engine.magnet;

import dev.torpeddo.engine.metainfo.AnnounceUrl;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Parses magnet links (BEP 9). Strict about what identifies the torrent (the info-hash), lenient about hints:
 * a bad tracker, web seed or peer address is dropped, not a reason to refuse the link. Input is bounded
 * (length, parameter count, list sizes) so that a hostile link costs little.
 */
public final class MagnetParser {
    /** Links longer than this many characters are refused outright. */
    public static final int MAX_LENGTH = 64 * 1024;

    public static final int MAX_PARAMETERS = 1000;
    public static final int MAX_TRACKERS = 50;
    public static final int MAX_PEERS = 100;
    public static final int MAX_WEB_SEEDS = 50;

    private static final String PREFIX = "magnet:?";
    private static final String BTIH = "urn:btih:";

    private MagnetParser() {}

    public static MagnetLink parse(String link) throws MagnetException {
        if (link.length() > MAX_LENGTH) throw new MagnetException("magnet link longer than 64 KiB");
        String text = link.strip();
        if (!text.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new MagnetException("not a magnet link");
        }
        String query = text.substring(PREFIX.length());
        if (query.chars().filter(c -> c == '&').count() >= MAX_PARAMETERS) {
            throw new MagnetException("too many parameters (limit " + MAX_PARAMETERS + ")");
        }
        InfoHash infoHash = null;
        String displayName = null;
        Set<URI> trackers = new LinkedHashSet<>();
        Set<InetSocketAddress> peers = new LinkedHashSet<>();
        Set<URI> webSeeds = new LinkedHashSet<>();
        for (String parameter : query.split("&")) {
            int eq = parameter.indexOf('=');
            if (eq <= 0) continue;
            String value = parameter.substring(eq + 1);
            switch (key(parameter.substring(0, eq))) {
                case "xt" -> {
                    Optional<InfoHash> hash = exactTopic(value);
                    if (hash.isPresent()) {
                        if (infoHash != null && !infoHash.equals(hash.get())) {
                            throw new MagnetException("two different info-hashes (xt)");
                        }
                        infoHash = hash.get();
                    }
                }
                case "dn" -> {
                    String name = PercentEncoding.decode(value, true)
                            .orElseThrow(() -> new MagnetException("bad percent-encoding in dn"));
                    if (displayName == null && !name.isBlank()) displayName = name;
                }
                case "tr" -> {
                    if (trackers.size() < MAX_TRACKERS) url(value, true).ifPresent(trackers::add);
                }
                case "ws" -> {
                    if (webSeeds.size() < MAX_WEB_SEEDS) url(value, false).ifPresent(webSeeds::add);
                }
                case "x.pe" -> {
                    if (peers.size() < MAX_PEERS) {
                        PercentEncoding.decode(value, false)
                                .flatMap(PeerAddress::parse)
                                .ifPresent(peers::add);
                    }
                }
                default -> {} // so (file selection), xl, kt, ... are not used
            }
        }
        if (infoHash == null) throw new MagnetException("no xt=urn:btih: parameter");
        return new MagnetLink(
                infoHash,
                Optional.ofNullable(displayName),
                trackers.stream().toList(),
                peers.stream().toList(),
                webSeeds.stream().toList());
    }

    /** Lower-cased, with the numbered forms some clients write ({@code xt.1}, {@code tr.2}) folded in. */
    private static String key(String raw) {
        String key = raw.toLowerCase(Locale.ROOT);
        int dot = key.lastIndexOf('.');
        if (dot > 0 && dot < key.length() - 1 && key.substring(dot + 1).chars().allMatch(c -> c >= '0' && c <= '9')) {
            return key.substring(0, dot);
        }
        return key;
    }

    /** The info-hash of an {@code xt} value, or empty for other topics (a v2-only {@code urn:btmh:}, say). */
    private static Optional<InfoHash> exactTopic(String value) throws MagnetException {
        String topic = PercentEncoding.decode(value, false)
                .orElseThrow(() -> new MagnetException("bad percent-encoding in xt"));
        if (!topic.regionMatches(true, 0, BTIH, 0, BTIH.length())) return Optional.empty();
        return Optional.of(InfoHashText.parse(topic.substring(BTIH.length())));
    }

    private static Optional<URI> url(String value, boolean tracker) {
        Optional<String> decoded = PercentEncoding.decode(value, false);
        if (decoded.isEmpty()) return Optional.empty();
        return tracker ? AnnounceUrl.tracker(decoded.get()) : AnnounceUrl.webSeed(decoded.get());
    }
}
