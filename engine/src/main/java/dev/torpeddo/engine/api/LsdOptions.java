package dev.torpeddo.engine.api;

import dev.torpeddo.engine.lsd.LsdGroup;
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
public record LsdOptions(boolean enabled, Optional<String> interfaceName, int port, int hops) {
    public static final LsdOptions DEFAULT = new LsdOptions(true, Optional.empty(), LsdGroup.PORT, 1);
    public static final LsdOptions DISABLED = new LsdOptions(false, Optional.empty(), LsdGroup.PORT, 1);

    /** Discovery among processes on this machine only, through the loopback interface. */
    public static LsdOptions loopbackOnly(int port) {
        return new LsdOptions(true, Optional.of("lo"), port, 0);
    }
}
