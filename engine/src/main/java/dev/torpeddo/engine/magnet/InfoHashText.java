package dev.torpeddo.engine.magnet;

import dev.torpeddo.engine.metainfo.InfoHash;

/** The two spellings of a v1 info-hash in magnet links (BEP 9): 40 hex digits or 32 base32 characters. */
final class InfoHashText {
    private static final int HEX_LENGTH = 2 * InfoHash.LENGTH;
    private static final int BASE32_LENGTH = InfoHash.LENGTH * 8 / 5;

    private InfoHashText() {}

    static InfoHash parse(String text) throws MagnetException {
        if (text.length() == HEX_LENGTH) return hex(text);
        if (text.length() == BASE32_LENGTH) return base32(text);
        if (!text.isEmpty() && text.length() < 1000 && text.chars().allMatch(InfoHashText::isHexDigit)) {
            throw new MagnetException("info-hash is " + text.length() + " hex digits, expected 40");
        }
        throw new MagnetException(
                "info-hash is " + text.length() + " characters, expected 40 hex digits or 32 base32 characters");
    }

    private static InfoHash hex(String text) throws MagnetException {
        byte[] bytes = new byte[InfoHash.LENGTH];
        for (int i = 0; i < bytes.length; i++) {
            char hi = text.charAt(2 * i);
            char lo = text.charAt(2 * i + 1);
            if (!isHexDigit(hi) || !isHexDigit(lo)) throw new MagnetException("invalid hex in info-hash");
            bytes[i] = (byte) (Character.digit(hi, 16) << 4 | Character.digit(lo, 16));
        }
        return new InfoHash(bytes);
    }

    /** RFC 4648 base32 without padding; 32 characters carry exactly 160 bits. Case-insensitive. */
    private static InfoHash base32(String text) throws MagnetException {
        byte[] bytes = new byte[InfoHash.LENGTH];
        int buffer = 0;
        int bits = 0;
        int out = 0;
        for (int i = 0; i < text.length(); i++) {
            int value = base32Value(text.charAt(i));
            if (value < 0) throw new MagnetException("invalid base32 in info-hash");
            buffer = buffer << 5 | value;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                bytes[out++] = (byte) (buffer >> bits);
                buffer &= (1 << bits) - 1;
            }
        }
        return new InfoHash(bytes);
    }

    private static int base32Value(char c) {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a';
        if (c >= '2' && c <= '7') return c - '2' + 26;
        return -1;
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
