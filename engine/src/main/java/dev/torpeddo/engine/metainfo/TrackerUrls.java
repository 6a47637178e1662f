package dev.torpeddo.engine.metainfo;

import dev.torpeddo.engine.bencode.BBytes;
import dev.torpeddo.engine.bencode.BDict;
import dev.torpeddo.engine.bencode.BList;
import dev.torpeddo.engine.bencode.BValue;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads tracker and web-seed URLs from the top level of a torrent. Lenient on purpose: a bad URL is dropped,
 * never a reason to reject a torrent whose content is fine.
 */
final class TrackerUrls {

    private TrackerUrls() {}

    /**
     * BEP 12: a non-empty {@code announce-list} wins over {@code announce}; tiers keep their order, URLs with
     * other schemes and repeats (across all tiers) are dropped, and so are tiers left empty.
     */
    static List<List<URI>> tiers(BDict root) {
        Set<URI> seen = new LinkedHashSet<>();
        List<List<URI>> tiers = new ArrayList<>();
        if (root.get("announce-list").orElse(null) instanceof BList list) {
            for (BValue tierValue : list.items()) {
                if (!(tierValue instanceof BList tier)) continue;
                List<URI> urls = new ArrayList<>();
                for (BValue v : tier.items()) parse(v, true).filter(seen::add).ifPresent(urls::add);
                if (!urls.isEmpty()) tiers.add(urls);
            }
        }
        if (tiers.isEmpty()) {
            root.get("announce").flatMap(v -> parse(v, true)).ifPresent(u -> tiers.add(List.of(u)));
        }
        return tiers;
    }

    /** BEP 19 {@code url-list}: a single string or a list of strings. */
    static List<URI> webSeeds(BDict root) {
        Set<URI> seeds = new LinkedHashSet<>();
        switch (root.get("url-list").orElse(null)) {
            case BBytes one -> parse(one, false).ifPresent(seeds::add);
            case BList many -> many.items().forEach(v -> parse(v, false).ifPresent(seeds::add));
            case null, default -> {}
        }
        return List.copyOf(seeds);
    }

    private static Optional<URI> parse(BValue value, boolean tracker) {
        if (!(value instanceof BBytes bytes)) return Optional.empty();
        return tracker ? AnnounceUrl.tracker(bytes.asUtf8()) : AnnounceUrl.webSeed(bytes.asUtf8());
    }
}
