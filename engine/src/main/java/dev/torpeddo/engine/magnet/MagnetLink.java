package dev.torpeddo.engine.magnet;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a magnet link (BEP 9) tells us about a torrent before we have its metadata. Built by
 * {@link MagnetParser#parse}; {@link #toUri()} writes it back in a canonical form that parses to an equal link.
 *
 * @param infoHash the v1 info-hash ({@code xt=urn:btih:})
 * @param displayName the suggested name ({@code dn}), to show until the metadata arrives; never blank if present
 * @param trackers http, https and udp tracker URLs ({@code tr}), without repeats, in link order
 * @param peers peers to dial directly ({@code x.pe}); IP literals are resolved, host names are not
 * @param webSeeds http and https web seeds ({@code ws}), for when web seeding exists
 */
public record MagnetLink(
        InfoHash infoHash,
        Optional<String> displayName,
        List<URI> trackers,
        List<InetSocketAddress> peers,
        List<URI> webSeeds) {

    public MagnetLink {
        Objects.requireNonNull(infoHash);
        displayName = displayName.filter(name -> !name.isBlank());
        trackers = List.copyOf(trackers);
        peers = List.copyOf(peers);
        webSeeds = List.copyOf(webSeeds);
    }

    /** A link naming only the torrent, as a user might paste a bare info-hash. */
    public static MagnetLink of(InfoHash infoHash) {
        return new MagnetLink(infoHash, Optional.empty(), List.of(), List.of(), List.of());
    }

    /**
     * The canonical magnet URI: lower-case hex info-hash first, then {@code dn}, {@code tr}, {@code ws} and
     * {@code x.pe} in order, every value percent-encoded except RFC 3986 unreserved characters.
     */
    public URI toUri() {
        StringBuilder uri = new StringBuilder("magnet:?xt=urn:btih:").append(infoHash.hex());
        displayName.ifPresent(name -> uri.append("&dn=").append(PercentEncoding.encode(name)));
        trackers.forEach(t -> uri.append("&tr=").append(PercentEncoding.encode(t.toString())));
        webSeeds.forEach(w -> uri.append("&ws=").append(PercentEncoding.encode(w.toString())));
        peers.forEach(p -> uri.append("&x.pe=").append(PercentEncoding.encode(PeerAddress.format(p))));
        return URI.create(uri.toString());
    }
}
