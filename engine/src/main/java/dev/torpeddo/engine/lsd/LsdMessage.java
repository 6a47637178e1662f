package dev.torpeddo.engine.lsd;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One Local Service Discovery announce (BEP 14): an HTTP-like {@code BT-SEARCH} request naming the sender's
 * listen port and the torrents it has, sent to a multicast group.
 *
 * <pre>
 * BT-SEARCH * HTTP/1.1\r\n
 * Host: 239.192.152.143:6771\r\n
 * Port: 6881\r\n
 * Infohash: 0123456789abcdef0123456789abcdef01234567\r\n
 * cookie: 1f2e3d4c\r\n
 * \r\n
 * \r\n
 * </pre>
 *
 * @param group the group named in the {@code Host} header
 * @param port the sender's BitTorrent listen port
 * @param infoHashes 1 to {@value #MAX_INFOHASHES} distinct torrents
 * @param cookie an opaque token that lets the sender recognise its own messages when they loop back
 */
public record LsdMessage(LsdGroup group, int port, List<InfoHash> infoHashes, Optional<String> cookie) {
    /** Longer messages are refused: they would not fit an Ethernet frame and no client sends them. */
    public static final int MAX_BYTES = 1400;

    public static final int MAX_INFOHASHES = 32;
    public static final int MAX_COOKIE = 64;

    private static final String REQUEST_LINE = "BT-SEARCH * HTTP/1.1";
    private static final String CRLF = "\r\n";
    /** {@code "Infohash: " + 40 hex digits + CRLF}. */
    private static final int INFOHASH_LINE = 52;

    private static final int MAX_HEADER_NAME = 32;

    public LsdMessage {
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1..65535, got " + port);
        infoHashes = List.copyOf(new LinkedHashSet<>(infoHashes));
        if (infoHashes.isEmpty() || infoHashes.size() > MAX_INFOHASHES) {
            throw new IllegalArgumentException("an LSD message names 1.." + MAX_INFOHASHES + " torrents");
        }
        if (cookie.isPresent() && !validCookie(cookie.get())) {
            throw new IllegalArgumentException("a cookie is 1.." + MAX_COOKIE + " visible ASCII characters");
        }
    }

    /** The messages that announce {@code infoHashes}, as few as fit within the size and count limits. */
    public static List<LsdMessage> batches(
            LsdGroup group, int port, Collection<InfoHash> infoHashes, Optional<String> cookie) {
        int room = (MAX_BYTES - headerLength(group, port, cookie)) / INFOHASH_LINE;
        int perMessage = Math.min(MAX_INFOHASHES, room);
        List<InfoHash> all = List.copyOf(new LinkedHashSet<>(infoHashes));
        List<LsdMessage> messages = new ArrayList<>();
        for (int i = 0; i < all.size(); i += perMessage) {
            messages.add(new LsdMessage(group, port, all.subList(i, Math.min(all.size(), i + perMessage)), cookie));
        }
        return messages;
    }

    /**
     * The wire form. It fits in {@value #MAX_BYTES} bytes for messages made by {@link #batches}; one made directly
     * with many torrents may not, and would be refused by receivers.
     */
    public byte[] encode() {
        StringBuilder s = new StringBuilder(MAX_BYTES);
        s.append(REQUEST_LINE).append(CRLF);
        s.append("Host: ").append(group.hostHeader()).append(CRLF);
        s.append("Port: ").append(port).append(CRLF);
        for (InfoHash h : infoHashes) s.append("Infohash: ").append(h.hex()).append(CRLF);
        cookie.ifPresent(c -> s.append("cookie: ").append(c).append(CRLF));
        s.append(CRLF).append(CRLF);
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static int headerLength(LsdGroup group, int port, Optional<String> cookie) {
        return REQUEST_LINE.length()
                + 2
                + "Host: ".length()
                + group.hostHeader().length()
                + 2
                + "Port: ".length()
                + Integer.toString(port).length()
                + 2
                + cookie.map(c -> "cookie: ".length() + c.length() + 2).orElse(0)
                + 4;
    }

    private static boolean validCookie(String c) {
        return !c.isEmpty() && c.length() <= MAX_COOKIE && c.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f);
    }

    /**
     * Parses a received datagram strictly: the {@code BT-SEARCH} request line, then {@code Host}, {@code Port}, one
     * or more {@code Infohash} and an optional {@code cookie} header (names in any case, other headers ignored),
     * then a blank line and nothing but line ends. Lines may end in CRLF or a bare LF.
     */
    public static LsdMessage parse(byte[] datagram) throws LsdException {
        if (datagram.length > MAX_BYTES) {
            throw new LsdException("LSD message of " + datagram.length + " bytes exceeds " + MAX_BYTES);
        }
        for (int i = 0; i < datagram.length; i++) {
            int b = datagram[i] & 0xff;
            if (b >= 0x7f || (b < 0x20 && b != '\t' && b != '\r' && b != '\n')) {
                throw new LsdException("LSD message has a control or non-ASCII byte at offset " + i);
            }
        }
        Lines lines = new Lines(new String(datagram, StandardCharsets.US_ASCII));
        if (!REQUEST_LINE.equals(lines.next())) throw new LsdException("LSD message is not a BT-SEARCH request");
        Headers headers = new Headers();
        while (true) {
            String line = lines.next();
            if (line.isEmpty()) break;
            headers.add(line);
        }
        if (!lines.restIsLineEnds()) throw new LsdException("LSD message has data after its headers");
        return headers.toMessage();
    }

    /** Splits text into lines, refusing a CR anywhere but before a LF. */
    private static final class Lines {
        private final String text;
        private int pos;

        Lines(String text) {
            this.text = text;
        }

        String next() throws LsdException {
            int lf = text.indexOf('\n', pos);
            if (lf < 0) throw new LsdException("LSD message ends before the blank line after its headers");
            int end = lf > pos && text.charAt(lf - 1) == '\r' ? lf - 1 : lf;
            String line = text.substring(pos, end);
            if (line.indexOf('\r') >= 0) throw new LsdException("LSD message has a stray CR");
            pos = lf + 1;
            return line;
        }

        boolean restIsLineEnds() {
            return text.substring(pos).chars().allMatch(c -> c == '\r' || c == '\n');
        }
    }

    /** The headers seen so far; each known one at most once, except Infohash. */
    private static final class Headers {
        private LsdGroup group;
        private int port = -1;
        private final LinkedHashSet<InfoHash> infoHashes = new LinkedHashSet<>();
        private int infoHashLines;
        private String cookie;

        void add(String line) throws LsdException {
            int colon = line.indexOf(':');
            if (colon < 1 || colon > MAX_HEADER_NAME || !isToken(line.substring(0, colon))) {
                throw new LsdException("LSD message has a malformed header line");
            }
            String value = line.substring(colon + 1).strip();
            switch (line.substring(0, colon).toLowerCase(Locale.ROOT)) {
                case "host" -> {
                    if (group != null) throw new LsdException("LSD message has two Host headers");
                    group = host(value);
                }
                case "port" -> {
                    if (port >= 0) throw new LsdException("LSD message has two Port headers");
                    port = port(value);
                }
                case "infohash" -> {
                    // The size limit already allows at most 26 such lines; this holds should it ever grow.
                    if (++infoHashLines > MAX_INFOHASHES) {
                        throw new LsdException("LSD message names more than " + MAX_INFOHASHES + " torrents");
                    }
                    infoHashes.add(infoHash(value));
                }
                case "cookie" -> {
                    if (cookie != null) throw new LsdException("LSD message has two cookies");
                    if (!validCookie(value)) throw new LsdException("LSD message has a malformed cookie");
                    cookie = value;
                }
                default -> {
                    // Unknown headers are allowed, as in HTTP; the size limit bounds them.
                }
            }
        }

        LsdMessage toMessage() throws LsdException {
            if (group == null) throw new LsdException("LSD message has no Host header");
            if (port < 0) throw new LsdException("LSD message has no Port header");
            if (infoHashes.isEmpty()) throw new LsdException("LSD message has no Infohash header");
            // Every rule of the constructor was checked above, so this cannot throw.
            return new LsdMessage(group, port, List.copyOf(infoHashes), Optional.ofNullable(cookie));
        }

        private static boolean isToken(String name) {
            return name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
        }

        private static LsdGroup host(String value) throws LsdException {
            for (LsdGroup g : LsdGroup.values()) {
                if (g.hostHeader().equalsIgnoreCase(value)) return g;
            }
            throw new LsdException("LSD message has an unknown Host (not a BEP 14 group)");
        }

        private static int port(String value) throws LsdException {
            if (value.isEmpty() || value.length() > 5 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new LsdException("LSD message has a malformed Port");
            }
            int p = Integer.parseInt(value);
            if (p < 1 || p > 65535) throw new LsdException("LSD message has Port " + p + " outside 1..65535");
            return p;
        }

        private static InfoHash infoHash(String value) throws LsdException {
            if (value.length() != 2 * InfoHash.LENGTH || !value.chars().allMatch(HexFormat::isHexDigit)) {
                throw new LsdException("LSD message has an Infohash that is not 40 hex digits");
            }
            return InfoHash.ofHex(value.toLowerCase(Locale.ROOT));
        }
    }
}
