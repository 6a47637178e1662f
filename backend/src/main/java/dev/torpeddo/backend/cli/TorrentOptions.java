package dev.torpeddo.backend.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options shared by {@code download} and {@code seed}. */
final class TorrentOptions {
    @Parameters(
            index = "0",
            paramLabel = "FILE.torrent|MAGNET",
            description = "A .torrent file, or a magnet link (quote it: it contains '&').")
    String source;

    Path torrentPath() {
        return Path.of(source);
    }

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Download directory.")
    Path dir;

    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "6881",
            description = "Port for peers (TCP) and for the DHT and UDP trackers (UDP); 0 picks a free one"
                    + " (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--peer",
            paramLabel = "HOST:PORT",
            description = "Connect to this peer directly, besides the trackers' peers (repeatable).")
    List<String> peers = new ArrayList<>();

    @Option(names = "--no-trackers", description = "Do not announce to the torrent's trackers.")
    boolean noTrackers;

    @Option(names = "--no-dht", description = "Do not use the DHT to find peers or to announce.")
    boolean noDht;

    @Option(
            names = "--dht-bootstrap",
            paramLabel = "HOST:PORT",
            description = "Join the DHT through this node instead of the well-known public routers (repeatable).")
    List<String> dhtBootstrap = new ArrayList<>();

    @Option(names = "--no-lsd", description = "Do not look for peers on the local network (BEP 14 multicast).")
    boolean noLsd;

    @Option(
            names = {"-v", "--verbose"},
            description = "Log engine activity to stderr.")
    boolean verbose;

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
        int colon = spec.lastIndexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException(option + " " + spec + ": expected HOST:PORT");
        }
        String host = spec.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(spec.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " " + spec + ": port is not a number");
        }
        if (port < 1 || port > 65535) throw new IllegalArgumentException(option + " " + spec + ": port out of range");
        return new InetSocketAddress(host, port);
    }
}
