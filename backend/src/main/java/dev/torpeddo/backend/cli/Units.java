package dev.torpeddo.backend.cli;

/** Human-readable sizes, rates and durations for the terminal. */
final class Units {
    private Units() {}

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
