package dev.torpeddo.backend.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "download",
        mixinStandardHelpOptions = true,
        description = {
            "Download a torrent into DIR, verify every piece, and exit 0 once everything selected is complete.",
            "Data already in DIR is checked first and kept. Exits non-zero with a one-line error on failure."
        })
final class DownloadCommand implements Callable<Integer> {
    @Mixin
    TorrentOptions options = new TorrentOptions();

    @Option(
            names = "--skip-file",
            paramLabel = "INDEX",
            description = "Do not download file number INDEX (0-based, in torrent order; repeatable).")
    List<Integer> skip = new ArrayList<>();

    @Option(
            names = "--save-torrent",
            paramLabel = "FILE",
            description = "For a magnet link: save the .torrent file here once its metadata has arrived.")
    java.nio.file.Path saveTorrent;

    @Option(
            names = "--sequential",
            description = "Download pieces in order (to play media while it downloads) instead of rarest first.")
    boolean sequential;

    @Override
    public Integer call() throws Exception {
        Map<Integer, Integer> priorities = new HashMap<>();
        for (int i : skip) priorities.put(i, 0);
        return new TorrentRun(options, System.out, System.err)
                .saveTorrentTo(saveTorrent)
                .run(true, priorities, sequential);
    }
}
