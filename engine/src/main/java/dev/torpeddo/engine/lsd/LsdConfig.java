package dev.torpeddo.engine.lsd;

import java.util.Optional;

/**
 * Whether and where a session runs Local Service Discovery.
 *
 * @param enabled off means no multicast at all
 * @param interfaceName the network interface to use; empty picks the first interface that is up,
 *     multicast-capable and not loopback
 * @param port the multicast port (BEP 14: 6771; tests use another to stay among themselves)
 * @param hops multicast hop limit (1: this LAN only; 0: this host only, for tests)
 */
public record LsdConfig(boolean enabled, Optional<String> interfaceName, int port, int hops) {
    public static final LsdConfig DEFAULT = new LsdConfig(true, Optional.empty(), LsdGroup.PORT, 1);
    public static final LsdConfig DISABLED = new LsdConfig(false, Optional.empty(), LsdGroup.PORT, 1);

    /** Discovery among processes on this machine only, through the loopback interface. */
    public static LsdConfig loopbackOnly(int port) {
        return new LsdConfig(true, Optional.of("lo"), port, 0);
    }
}
