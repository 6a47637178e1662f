package dev.torpeddo.backend.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Human-readable sizes, rates and durations for the terminal. */
final class Units {
    // A number, an optional unit (prefix, optional "i", optional "B"/"b") and an optional "/s".
    private static final Pattern RATE =
            Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(?:([kKmMgG])([iI])?([Bb])?|([Bb]))?(?:\\s*/[sS])?");
    private static final String EXAMPLES = " (try 500KiB, 8MiB, 1.5MiB or 12345 bytes; 0 means unlimited)";

    private Units() {}

    /**
     * A rate limit as a user types it, in bytes per second: {@code 12345}, or a number with a unit, with or
     * without a space and {@code /s}: {@code 500KiB}, {@code 1.5 MiB/s}, {@code 2G}. {@code 0} means unlimited.
     *
     * <p>Every unit is binary: {@code k}, {@code K}, {@code KB} and {@code KiB} all mean 1024 bytes, {@code M}
     * ... {@code MiB} 1024², {@code G} ... {@code GiB} 1024³. That is how we show rates, what qBittorrent
     * (KiB/s) and curl, wget or aria2 ({@code K} = 1024) users expect, and a 2.4 % difference a user typing
     * "KB" cannot mean to rely on. A lower-case {@code b} after a prefix is refused (bits or bytes?). Fractions
     * of a byte are dropped.
     *
     * @throws IllegalArgumentException saying what is wrong, for a message after the option's name: a
     *     negative number, anything that is not a rate, a rate above {@link Long#MAX_VALUE} bytes per second, or
     *     one below a byte per second that is not 0
     */
    static long parseRate(String text) {
        String t = text.strip();
        if (t.startsWith("-")) throw new IllegalArgumentException("a rate cannot be negative: " + text + EXAMPLES);
        Matcher m = RATE.matcher(t);
        if (!m.matches()) throw new IllegalArgumentException("not a rate: '" + text + "'" + EXAMPLES);
        if ("b".equals(m.group(4)) || "b".equals(m.group(5))) {
            String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT) + "iB";
            throw new IllegalArgumentException("'b' would mean bits: write B for bytes, as in " + m.group(1) + unit);
        }
        BigDecimal number = new BigDecimal(m.group(1));
        int shift = m.group(2) == null
                ? 0
                : switch (m.group(2).toUpperCase(Locale.ROOT)) {
                    case "K" -> 10;
                    case "M" -> 20;
                    default -> 30; // G: the pattern allows nothing else
                };
        BigDecimal bytes = number.multiply(BigDecimal.valueOf(1L << shift)).setScale(0, RoundingMode.DOWN);
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("rate too large: " + text);
        }
        if (bytes.signum() == 0 && number.signum() != 0) {
            throw new IllegalArgumentException("less than a byte per second: " + text + " (0 means unlimited)");
        }
        return bytes.longValueExact();
    }

    static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : String.format("%.1f %s", v, units[u]);
    }

    static String rate(long bytesPerSecond) {
        return bytes(bytesPerSecond) + "/s";
    }

    static String duration(long seconds) {
        if (seconds < 0) return "--:--";
        long h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
    }
}
