package dev.torpeddo.engine.wire.ext;

import dev.torpeddo.engine.wire.ExtensionHandshake;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The BEP 10 extensions we speak and the message ids we receive them under. Each side picks its own ids:
 * peers send us ut_metadata as {@link #UT_METADATA_ID}, and we send it to a peer under the id from that
 * peer's handshake ({@link #remoteId}).
 */
public final class ExtensionIds {
    public static final String UT_METADATA = "ut_metadata";
    public static final String UT_PEX = "ut_pex";
    /** Our id for incoming ut_metadata messages (BEP 9). */
    public static final int UT_METADATA_ID = 1;
    /** Our id for incoming ut_pex messages (BEP 11). */
    public static final int UT_PEX_ID = 2;
    /** What we call ourselves in the handshake's {@code v}. */
    public static final String CLIENT = "Torpeddo 0.1.0";

    private static final Map<String, Integer> OURS = Map.of(UT_METADATA, UT_METADATA_ID, UT_PEX, UT_PEX_ID);

    private ExtensionIds() {}

    /** Our {@code m} dictionary: extension name to our id. */
    public static Map<String, Integer> ours() {
        return OURS;
    }

    /** Which extension an incoming extended message with this id is, if it is one of ours. */
    public static Optional<String> nameOf(int localId) {
        return switch (localId) {
            case UT_METADATA_ID -> Optional.of(UT_METADATA);
            case UT_PEX_ID -> Optional.of(UT_PEX);
            default -> Optional.empty();
        };
    }

    /** The id to send {@code extension} to this peer under; empty if it does not support it (or disabled it). */
    public static OptionalInt remoteId(ExtensionHandshake peer, String extension) {
        Integer id = peer.extensions().get(extension);
        return id == null || id == 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /**
     * Our extension handshake.
     *
     * @param metadataSize the size of our info dictionary, once we have it: peers fetching by magnet link need
     *     it before they ask for pieces
     */
    public static ExtensionHandshake handshake(
            int listenPort, int maxRequests, String client, OptionalInt metadataSize) {
        return handshake(listenPort, maxRequests, client, metadataSize, true);
    }

    /** Our handshake; {@code pex} false leaves ut_pex out, as a private torrent must (BEP 27). */
    public static ExtensionHandshake handshake(
            int listenPort, int maxRequests, String client, OptionalInt metadataSize, boolean pex) {
        Map<String, Integer> m = pex ? OURS : Map.of(UT_METADATA, UT_METADATA_ID);
        return new ExtensionHandshake(m, listenPort, maxRequests, client, metadataSize.orElse(0));
    }
}
