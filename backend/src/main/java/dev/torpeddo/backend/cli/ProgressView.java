package dev.torpeddo.backend.cli;

import dev.torpeddo.backend.manager.TorrentSnapshot;
import java.io.PrintStream;

/**
 * Shows a torrent's progress: a redrawn bar on a terminal, plain lines otherwise (logs, pipes, CI). Plain
 * lines are printed every few seconds and on state changes so a log stays readable.
 */
abstract sealed class ProgressView {
    protected final PrintStream out;

    ProgressView(PrintStream out) {
        this.out = out;
    }

    // ReferenceEquality: only the process's own stdout can be the terminal. SystemConsoleNull: the check says
    // console() is never null since JDK 22, but on JDK 25 it is when stdin and stdout are pipes.
    @SuppressWarnings({"ReferenceEquality", "SystemConsoleNull"})
    static ProgressView forConsole(PrintStream out) {
        var console = System.console();
        boolean tty = console != null && console.isTerminal() && out == System.out;
        return tty ? new Bar(out) : new Lines(out);
    }

    abstract void update(TorrentSnapshot s);

    abstract void finish(TorrentSnapshot s);

    abstract void note(String message);

    abstract long refreshMillis();

    static String summary(TorrentSnapshot s) {
        String pct = String.format("%5.1f%%", s.progress() * 100);
        if (s.state().equals("fetching_metadata")) {
            return String.format("fetching metadata %5.1f%%  peers %d", s.metadataProgress() * 100, s.peers());
        }
        if (s.state().equals("checking")) {
            return String.format("checking %s of %s", Units.bytes(s.checkedBytes()), Units.bytes(s.totalBytes()));
        }
        return String.format(
                "%s %s  down %s  up %s  peers %d (%d seeds)  ETA %s",
                s.state(),
                pct,
                Units.rate(s.downloadRate()),
                Units.rate(s.uploadRate()),
                s.peers(),
                s.seeds(),
                Units.duration(s.eta()));
    }

    static final class Bar extends ProgressView {
        private static final int WIDTH = 30;

        Bar(PrintStream out) {
            super(out);
        }

        @Override
        void update(TorrentSnapshot s) {
            int filled = (int) Math.round(s.progress() * WIDTH);
            out.print("\r\033[K[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + summary(s));
            out.flush();
        }

        @Override
        void finish(TorrentSnapshot s) {
            update(s);
            out.println();
        }

        @Override
        void note(String message) {
            out.print("\r\033[K" + message + "\n");
        }

        @Override
        long refreshMillis() {
            return 250;
        }
    }

    static final class Lines extends ProgressView {
        private long lastPrint;
        private String lastState;

        Lines(PrintStream out) {
            super(out);
        }

        @Override
        void update(TorrentSnapshot s) {
            long now = System.nanoTime();
            if (!s.state().equals(lastState) || now - lastPrint >= 5_000_000_000L) {
                out.println(summary(s));
                lastPrint = now;
                lastState = s.state();
            }
        }

        @Override
        void finish(TorrentSnapshot s) {
            out.println(summary(s));
        }

        @Override
        void note(String message) {
            out.println(message);
        }

        @Override
        long refreshMillis() {
            return 500;
        }
    }
}
