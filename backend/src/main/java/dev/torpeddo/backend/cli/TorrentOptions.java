package dev.torpeddo.backend.cli;

import dev.torpeddo.backend.manager.AddressText;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Options shared by {@code download} and {@code seed}. */
final class TorrentOptions {
    static final String PARAMETER = "FILE.torrent|MAGNET";
    static final String PARAMETER_HELP = "A .torrent file, or a magnet link (quote it: it contains '&').";
    static final int DEFAULT_PORT = 6881;

    static final List<Arguments.Option> OPTIONS = List.of(
            Arguments.Option.value("--dir", "DIR", "Download directory (required)."),
            Arguments.Option.value(
                    "--port",
                    "N",
                    "Port for peers (TCP) and for the DHT and UDP trackers (UDP); 0 picks a free one (default: "
                            + DEFAULT_PORT + ")."),
            Arguments.Option.value(
                    "--peer",
                    "HOST:PORT",
                    "Connect to this peer directly, besides the trackers' peers (repeatable;"
                            + " IPv6 in brackets: [::1]:6881)."),
            Arguments.Option.flag("--no-trackers", "Do not announce to the torrent's trackers."),
            Arguments.Option.flag("--no-dht", "Do not use the DHT to find peers or to announce."),
            Arguments.Option.value(
                    "--dht-bootstrap",
                    "HOST:PORT",
                    "Join the DHT through this node instead of the well-known public routers (repeatable)."),
            Arguments.Option.flag("--no-lsd", "Do not look for peers on the local network (BEP 14 multicast)."),
            Arguments.Option.value(
                    "--download-limit",
                    "RATE",
                    "Download at most RATE per second, like 8MiB, 500KiB or a number of bytes (K, M, G are"
                            + " 1024-based; 0: no limit). Counts every byte peers send, headers included."),
            Arguments.Option.value("--upload-limit", "RATE", "Upload at most RATE per second (as --download-limit)."),
            Arguments.Option.value(
                    "--state-dir",
                    "DIR",
                    "Keep resume records and settings here, so a run stopped midway (Ctrl-C, a crash) carries on"
                            + " where it stopped (default: the per-user state directory, as the desktop app's)."),
            new Arguments.Option("--verbose", "-v", null, "Log engine activity to stderr."));

    final String source;
    final Path dir;
    final int port;
    final List<String> peers;
    final boolean noTrackers;
    final boolean noDht;
    final List<String> dhtBootstrap;
    final boolean noLsd;
    final boolean verbose;
    final long downloadLimit;
    final long uploadLimit;
    final Optional<Path> stateDir;

    TorrentOptions(Arguments a) throws UsageException {
        this.source = a.positional().orElseThrow(() -> new UsageException("Missing required parameter: " + PARAMETER));
        this.dir = Arguments.path("--dir", a.required("--dir"));
        Optional<String> p = a.value("--port");
        this.port = p.isEmpty() ? DEFAULT_PORT : Arguments.integer("--port", p.get(), 0, 65535);
        this.peers = a.values("--peer");
        this.noTrackers = a.flag("--no-trackers");
        this.noDht = a.flag("--no-dht");
        this.dhtBootstrap = a.values("--dht-bootstrap");
        this.noLsd = a.flag("--no-lsd");
        this.verbose = a.flag("--verbose");
        this.downloadLimit = rate(a, "--download-limit");
        this.uploadLimit = rate(a, "--upload-limit");
        Optional<String> state = a.value("--state-dir");
        this.stateDir = state.isEmpty() ? Optional.empty() : Optional.of(Arguments.path("--state-dir", state.get()));
    }

    private static long rate(Arguments a, String option) throws UsageException {
        Optional<String> v = a.value(option);
        if (v.isEmpty()) return 0;
        try {
            return Units.parseRate(v.get());
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    Path torrentPath() {
        return Path.of(source);
    }

    List<InetSocketAddress> dhtBootstrapAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String p : dhtBootstrap) out.add(parsePeer(p, "--dht-bootstrap"));
        return out;
    }

    List<InetSocketAddress> peerAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String p : peers) out.add(parsePeer(p, "--peer"));
        return out;
    }

    static InetSocketAddress parsePeer(String spec, String option) {
        try {
            return AddressText.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + spec + ": " + e.getMessage(), e);
        }
    }
}
