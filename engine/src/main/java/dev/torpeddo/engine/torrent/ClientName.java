package dev.torpeddo.engine.torrent;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Names a peer's client for the peer list: from its extension handshake's {@code v} when it sent one,
 * else from the conventions clients follow for their peer ids (Azureus style {@code -qB4650-}, Shadow and
 * Mainline style {@code M7-2-2--}), else "Unknown". Never trusts the bytes to be printable.
 */
final class ClientName {
    private static final Map<String, String> AZUREUS = Map.ofEntries(
            Map.entry("A2", "aria2"),
            Map.entry("AZ", "Vuze"),
            Map.entry("BC", "BitComet"),
            Map.entry("BI", "BiglyBT"),
            Map.entry("BT", "BitTorrent"),
            Map.entry("DE", "Deluge"),
            Map.entry("FD", "Free Download Manager"),
            Map.entry("FW", "FrostWire"),
            Map.entry("KT", "KTorrent"),
            Map.entry("LT", "libtorrent"),
            Map.entry("lt", "libTorrent (rakshasa)"),
            Map.entry("PI", "PicoTorrent"),
            Map.entry("qB", "qBittorrent"),
            Map.entry("TIX", "Tixati"),
            Map.entry("TP", "Torpeddo"),
            Map.entry("TR", "Transmission"),
            Map.entry("UM", "µTorrent Mac"),
            Map.entry("UT", "µTorrent"),
            Map.entry("WW", "WebTorrent"));
    private static final Map<Character, String> SHADOW = Map.of(
            'M',
            "Mainline",
            'A',
            "ABC",
            'O',
            "Osprey",
            'Q',
            "BTQueue",
            'R',
            "Tribler",
            'S',
            "Shadow",
            'T',
            "BitTornado");

    private ClientName() {}

    static String of(byte[] peerId, String handshakeVersion) {
        String v = printable(handshakeVersion);
        if (!v.isEmpty()) return v;
        return fromPeerId(peerId);
    }

    static String fromPeerId(byte[] id) {
        if (id.length != 20) return "Unknown";
        String s = new String(id, 0, 8, StandardCharsets.ISO_8859_1);
        if (s.charAt(0) == '-' && s.charAt(7) == '-') {
            String name = AZUREUS.get(s.substring(1, 3));
            if (name != null) return name + " " + azureusVersion(s.substring(3, 7));
        }
        if (s.startsWith("A2-")) return "aria2 " + dashed(new String(id, 3, 8, StandardCharsets.ISO_8859_1));
        String shadow = SHADOW.get(s.charAt(0));
        if (shadow != null && Character.isDigit(s.charAt(1)) && s.charAt(2) == '-') {
            return shadow + " " + dashed(s.substring(1));
        }
        return "Unknown";
    }

    /** {@code 4650} → 4.6.5; letters stand for numbers above 9, as in {@code -TR4040-}. */
    private static String azureusVersion(String digits) {
        StringBuilder v = new StringBuilder();
        int end = digits.length();
        while (end > 2 && digits.charAt(end - 1) == '0') end--; // 2.0.8.0 → 2.0.8; keep at least x.y
        for (int i = 0; i < end; i++) {
            char c = digits.charAt(i);
            int n = Character.isDigit(c) ? c - '0' : Character.isLetter(c) ? Character.toUpperCase(c) - 'A' + 10 : -1;
            if (n < 0) return "";
            if (i > 0) v.append('.');
            v.append(n);
        }
        return v.toString();
    }

    /** {@code 7-2-2--} or {@code 1-36-0-} → 7.2.2 and 1.36.0. */
    private static String dashed(String s) {
        StringBuilder v = new StringBuilder();
        for (String part : s.split("-")) {
            if (part.isEmpty() || !part.chars().allMatch(Character::isDigit)) continue;
            if (!v.isEmpty()) v.append('.');
            v.append(part);
        }
        return v.toString();
    }

    /** Keeps what a list can show: no control characters, at most 64 characters. */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().filter(c -> !Character.isISOControl(c)).limit(64).forEach(out::appendCodePoint);
        return out.toString().strip();
    }
}
