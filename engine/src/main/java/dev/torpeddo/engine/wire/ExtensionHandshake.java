package dev.torpeddo.engine.wire;

import dev.torpeddo.engine.bencode.BBytes;
import dev.torpeddo.engine.bencode.BDecoder;
import dev.torpeddo.engine.bencode.BDict;
import dev.torpeddo.engine.bencode.BEncoder;
import dev.torpeddo.engine.bencode.BValue;
import dev.torpeddo.engine.bencode.BencodeException;
import dev.torpeddo.engine.bencode.BencodeLimits;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The BEP 10 extension handshake (extended message id 0): which extensions a peer supports under which
 * message ids, plus a few facts about it. Unknown keys are ignored; malformed fields are treated as absent,
 * as the BEP asks, so a sloppy peer is tolerated but never trusted.
 *
 * @param extensions extension name to the id the sender wants to receive it under (0 disables)
 * @param listenPort the sender's listen port ({@code p}), or 0
 * @param maxRequests how many outstanding requests the sender queues ({@code reqq}), or 0 if unknown
 * @param client the sender's client name and version ({@code v}), or empty
 * @param metadataSize size of the info dictionary ({@code metadata_size}, BEP 9), or 0
 */
public record ExtensionHandshake(
        Map<String, Integer> extensions, int listenPort, int maxRequests, String client, int metadataSize) {

    // A handshake is a small dict; anything deeper or bigger is not worth parsing.
    private static final BDecoder DECODER = new BDecoder(new BencodeLimits(4, 1000, 4096, 64 * 1024));
    /** Longest client name ({@code v}) kept, in UTF-8 bytes. */
    private static final int MAX_TEXT = 256;

    public ExtensionHandshake {
        extensions = Map.copyOf(extensions);
    }

    public static ExtensionHandshake ours(int listenPort, int maxRequests, String client) {
        return new ExtensionHandshake(Map.of(), listenPort, maxRequests, client, 0);
    }

    public byte[] encode() {
        BDict.Builder m = BDict.builder();
        extensions.forEach((name, id) -> m.put(name, id));
        BDict.Builder d = BDict.builder().put("m", m.build());
        if (listenPort > 0) d.put("p", listenPort);
        if (maxRequests > 0) d.put("reqq", maxRequests);
        if (!client.isEmpty()) d.put("v", client);
        if (metadataSize > 0) d.put("metadata_size", metadataSize);
        return BEncoder.encode(d.build());
    }

    /** Parses a peer's handshake; empty if it is not a bencoded dictionary at all. */
    public static Optional<ExtensionHandshake> parse(byte[] payload) {
        BValue v;
        try {
            v = DECODER.decode(payload);
        } catch (BencodeException e) {
            return Optional.empty();
        }
        if (!(v instanceof BDict d)) return Optional.empty();
        Map<String, Integer> ext = new LinkedHashMap<>();
        if (d.get("m").orElse(null) instanceof BDict m) {
            m.entries().forEach((k, val) -> {
                if (val instanceof dev.torpeddo.engine.bencode.BInt i && i.value() >= 0 && i.value() <= 255) {
                    strictUtf8(k).ifPresent(name -> ext.put(name, (int) i.value()));
                }
            });
        }
        return Optional.of(new ExtensionHandshake(
                ext,
                intIn(d, "p", 0, 65535),
                intIn(d, "reqq", 0, 1 << 16),
                text(d, "v"),
                intIn(d, "metadata_size", 0, Integer.MAX_VALUE)));
    }

    private static int intIn(BDict d, String key, int min, int max) {
        if (d.get(key).orElse(null) instanceof dev.torpeddo.engine.bencode.BInt i
                && i.value() >= min
                && i.value() <= max) {
            return (int) i.value();
        }
        return 0;
    }

    /**
     * Text only shown to the user, so malformed UTF-8 is replaced rather than refused; bounded as we would
     * re-encode it (each malformed byte becomes a 3-byte U+FFFD), so that what we keep fits the limit again.
     */
    private static String text(BDict d, String key) {
        if (!(d.get(key).orElse(null) instanceof BBytes b) || b.length() > MAX_TEXT) return "";
        String text = b.asUtf8();
        return text.getBytes(StandardCharsets.UTF_8).length <= MAX_TEXT ? text : "";
    }

    /**
     * Extension names are identifiers: one that is not valid UTF-8 names nothing we could speak, and replacing
     * its bytes would make a different (and longer) key.
     */
    private static Optional<String> strictUtf8(BBytes name) {
        try {
            return Optional.of(name.asString());
        } catch (BencodeException e) {
            return Optional.empty();
        }
    }
}
