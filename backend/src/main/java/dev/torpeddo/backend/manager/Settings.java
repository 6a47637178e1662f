package dev.torpeddo.backend.manager;

import java.util.Objects;

/**
 * Everything the user sets for the whole manager, saved in {@code settings.json} and applied live (see
 * {@link TorrentManager#setSettings}). Rates are bytes per second, 0 for no limit; counts of -1 mean no limit.
 *
 * @param defaultSavePath where torrents go unless an add names another directory
 * @param listenPort the TCP and UDP port peers reach us on (0: any free port)
 * @param limits the normal global rate limits
 * @param altLimits the alternative ("turtle") rate limits, in force while {@code altLimitsOn}
 * @param altLimitsOn whether the alternative limits are in force
 * @param queue how many torrents may be active at once
 * @param shareLimits when a seeding torrent has done enough, and what happens then
 * @param connections connection and upload-slot limits
 * @param discovery which peer sources are on besides trackers
 * @param protocols how peers are reached: MSE/PE encryption and uTP
 */
public record Settings(
        String defaultSavePath,
        int listenPort,
        RateLimits limits,
        RateLimits altLimits,
        boolean altLimitsOn,
        Queue queue,
        ShareLimits shareLimits,
        Connections connections,
        Discovery discovery,
        Protocols protocols) {

    public Settings {
        Objects.requireNonNull(defaultSavePath, "defaultSavePath");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(altLimits, "altLimits");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(shareLimits, "shareLimits");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(protocols, "protocols");
        if (defaultSavePath.isBlank()) throw new IllegalArgumentException("defaultSavePath must not be empty");
        if (listenPort < 0 || listenPort > 65535) throw new IllegalArgumentException("listenPort not in 0..65535");
    }

    /** Download and upload limits in bytes per second, 0 for none. */
    public record RateLimits(long download, long upload) {
        public RateLimits {
            if (download < 0 || upload < 0) throw new IllegalArgumentException("rate limits must be >= 0");
        }
    }

    /**
     * The queue: torrents beyond these counts wait (QUEUED) in queue order. A torrent that moved less than
     * {@code slowRate} bytes per second both ways for {@code stalledSeconds} does not hold a slot (as
     * qBittorrent's "do not count slow torrents"). Forced torrents ignore the queue and do not count.
     *
     * @param enabled without a queue every torrent that is not paused runs
     */
    public record Queue(
            boolean enabled,
            int maxActiveDownloads,
            int maxActiveSeeds,
            int maxActiveTorrents,
            long slowRate,
            int stalledSeconds) {
        public Queue {
            atLeastMinusOne("maxActiveDownloads", maxActiveDownloads);
            atLeastMinusOne("maxActiveSeeds", maxActiveSeeds);
            atLeastMinusOne("maxActiveTorrents", maxActiveTorrents);
            if (slowRate < 0) throw new IllegalArgumentException("slowRate must be >= 0");
            if (stalledSeconds < 1) throw new IllegalArgumentException("stalledSeconds must be >= 1");
        }
    }

    /**
     * When a torrent has seeded enough: its ratio reaches {@code ratio} or it seeded {@code seedingMinutes}
     * (each -1 for never). A torrent's own limits, when set, take precedence.
     */
    public record ShareLimits(double ratio, long seedingMinutes, ShareAction action) {
        public ShareLimits {
            Objects.requireNonNull(action, "action");
            if (!(ratio == -1 || ratio >= 0) || Double.isNaN(ratio))
                throw new IllegalArgumentException("ratio must be -1 or >= 0");
            if (seedingMinutes < -1) throw new IllegalArgumentException("seedingMinutes must be -1 or >= 0");
        }
    }

    /** What happens to a torrent that reached its share limit. */
    public enum ShareAction {
        PAUSE,
        REMOVE,
        REMOVE_WITH_DATA
    }

    public record Connections(int maxPeers, int maxPeersPerTorrent, int uploadSlotsPerTorrent) {
        public Connections {
            if (maxPeers < 1 || maxPeersPerTorrent < 1 || uploadSlotsPerTorrent < 1)
                throw new IllegalArgumentException("connection limits must be positive");
        }
    }

    /** Peer sources besides trackers, switched on and off live like every other setting. */
    public record Discovery(boolean dht, boolean pex, boolean lsd) {}

    /**
     * How peers are reached, switched live (for connections made from then on).
     *
     * @param encryption MSE/PE (the "protocol encryption" of qBittorrent and Transmission)
     * @param utp uTP (BEP 29) both ways: peers may connect over it, and peers are dialled over it first, TCP
     *     when that fails; off, TCP only
     */
    public record Protocols(Encryption encryption, boolean utp) {
        public static final Protocols DEFAULT = new Protocols(Encryption.PREFER, true);

        public Protocols {
            Objects.requireNonNull(encryption, "encryption");
        }
    }

    /** MSE/PE for peer connections. */
    public enum Encryption {
        /** Encrypted when the peer can; plain otherwise (a failed encrypted dial is tried again plain). */
        PREFER,
        /** Only encrypted (RC4) connections, both ways. */
        REQUIRE,
        /** Only plain connections, both ways. */
        DISABLE
    }

    private static void atLeastMinusOne(String name, int value) {
        if (value < -1) throw new IllegalArgumentException(name + " must be -1 (no limit) or >= 0");
    }

    public static Settings defaults(String savePath) {
        return new Settings(
                savePath,
                6881,
                new RateLimits(0, 0),
                new RateLimits(1 << 20, 256 << 10),
                false,
                new Queue(true, 3, 5, 8, 2048, 60),
                new ShareLimits(-1, -1, ShareAction.PAUSE),
                new Connections(500, 100, 4),
                new Discovery(true, true, true),
                Protocols.DEFAULT);
    }

    /** The limits in force now: the alternative ones while turtle mode is on. */
    public RateLimits effectiveLimits() {
        return altLimitsOn ? altLimits : limits;
    }
}
