package dev.torpeddo.engine.wire.ext;

import dev.torpeddo.engine.wire.ExtensionHandshake;
import java.util.Map;

/**
 * The BEP 10 message ids under which we receive each extension. Peers send us extension messages with these
 * ids; we send to a peer with the ids from its handshake.
 */
public final class ExtensionIds {
    public static final int UT_METADATA = 1;
    public static final int UT_PEX = 2;
    public static final String CLIENT = "Torpeddo 0.1.0";

    private ExtensionIds() {}

    /**
     * Our extension handshake.
     *
     * @param metadataSize size of our info dictionary, or 0 while we do not have it (a magnet still fetching)
     */
    public static ExtensionHandshake ourHandshake(int listenPort, int maxRequests, int metadataSize) {
        return new ExtensionHandshake(Map.of("ut_metadata", UT_METADATA), listenPort, maxRequests, CLIENT, metadataSize);
    }
}
