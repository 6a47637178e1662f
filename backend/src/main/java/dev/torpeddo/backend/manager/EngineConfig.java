package dev.torpeddo.backend.manager;

import dev.torpeddo.engine.api.DhtOptions;
import dev.torpeddo.engine.api.Encryption;
import dev.torpeddo.engine.api.LsdOptions;
import dev.torpeddo.engine.api.SessionConfig;

/** The engine's session configuration for the settings in force. */
final class EngineConfig {
    private EngineConfig() {}

    static Encryption encryption(Settings.Encryption e) {
        return switch (e) {
            case PREFER -> Encryption.PREFER;
            case REQUIRE -> Encryption.REQUIRE;
            case DISABLE -> Encryption.DISABLE;
        };
    }

    static SessionConfig of(Settings s, StateDir dir, ManagerOptions options) {
        Settings.RateLimits limits = s.effectiveLimits();
        DhtOptions dht = DhtOptions.DISABLED;
        if (s.discovery().dht()) {
            dht = (options.dhtBootstrap().isEmpty()
                            ? DhtOptions.DEFAULT
                            : DhtOptions.bootstrapFrom(options.dhtBootstrap()))
                    .withStateFile(dir.dhtStateFile());
        }
        DhtOptions dhtOptions = dht;
        return SessionConfig.defaults()
                .with(b -> b.listenPort(s.listenPort())
                        .downloadLimit(limits.download())
                        .uploadLimit(limits.upload())
                        .maxPeers(s.connections().maxPeers())
                        .maxPeersPerTorrent(s.connections().maxPeersPerTorrent())
                        .uploadSlots(s.connections().uploadSlotsPerTorrent())
                        .lsd(s.discovery().lsd() ? LsdOptions.DEFAULT : LsdOptions.DISABLED)
                        .pex(s.discovery().pex())
                        .dht(dhtOptions)
                        .encryption(encryption(s.protocols().encryption()))
                        .utpIncoming(s.protocols().utp())
                        .utpOutgoing(s.protocols().utp()));
    }
}
