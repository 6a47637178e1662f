package dev.torpeddo.backend.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code torpeddo download}: fetch everything selected, verify it, exit 0. */
final class DownloadCommand {
    static final Arguments.Spec SPEC = new Arguments.Spec(
            "download",
            List.of(
                    "Download a torrent into DIR, verify every piece, and exit 0 once everything selected is complete.",
                    "Data already in DIR is checked first and kept. Exits non-zero with a one-line error on failure."),
            TorrentOptions.PARAMETER,
            TorrentOptions.PARAMETER_HELP,
            options());

    private static List<Arguments.Option> options() {
        List<Arguments.Option> all = new ArrayList<>(TorrentOptions.OPTIONS);
        all.add(Arguments.Option.value(
                "--skip-file", "INDEX", "Do not download file number INDEX (0-based, in torrent order; repeatable)."));
        all.add(Arguments.Option.value(
                "--save-torrent",
                "FILE",
                "For a magnet link: save the .torrent file here once its metadata has arrived."));
        all.add(Arguments.Option.flag(
                "--sequential",
                "Download pieces in order (to play media while it downloads) instead of rarest first."));
        return List.copyOf(all);
    }

    private DownloadCommand() {}

    static int run(Arguments a) throws Exception {
        TorrentOptions options = new TorrentOptions(a);
        Map<Integer, Integer> priorities = new HashMap<>();
        for (String index : a.values("--skip-file")) {
            priorities.put(Arguments.integer("--skip-file", index, 0, Integer.MAX_VALUE), 0);
        }
        Optional<String> save = a.value("--save-torrent");
        Path saveTorrent = save.isEmpty() ? null : Arguments.path("--save-torrent", save.get());
        return new TorrentRun(options, System.out, System.err)
                .saveTorrentTo(saveTorrent)
                .run(true, priorities, a.flag("--sequential"));
    }
}
