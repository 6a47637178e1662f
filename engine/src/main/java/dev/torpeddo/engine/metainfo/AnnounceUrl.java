package dev.torpeddo.engine.metainfo;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which URLs Torpeddo accepts as trackers (http, https, udp) and web seeds (http, https), wherever they come
 * from (a .torrent, a magnet link): anything else, or anything without a host, is dropped.
 */
public final class AnnounceUrl {
    private static final Set<String> TRACKER_SCHEMES = Set.of("http", "https", "udp");
    private static final Set<String> WEB_SEED_SCHEMES = Set.of("http", "https");

    private AnnounceUrl() {}

    public static Optional<URI> tracker(String text) {
        return parse(text, TRACKER_SCHEMES);
    }

    public static Optional<URI> webSeed(String text) {
        return parse(text, WEB_SEED_SCHEMES);
    }

    private static Optional<URI> parse(String text, Set<String> schemes) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null) return Optional.empty();
            if (!schemes.contains(scheme.toLowerCase(Locale.ROOT))) return Optional.empty();
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
