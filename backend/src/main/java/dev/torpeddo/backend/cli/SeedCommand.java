package dev.torpeddo.backend.cli;

import java.util.List;
import java.util.Map;

/** {@code torpeddo seed}: check the data and serve it until interrupted. */
final class SeedCommand {
    static final Arguments.Spec SPEC = new Arguments.Spec(
            "seed",
            List.of(
                    "Check the torrent's data in DIR and serve it to other peers until interrupted (Ctrl-C).",
                    "Missing pieces are downloaded first, so seeding an empty DIR also works."),
            TorrentOptions.PARAMETER,
            TorrentOptions.PARAMETER_HELP,
            TorrentOptions.OPTIONS);

    private SeedCommand() {}

    static int run(Arguments a) throws Exception {
        return new TorrentRun(new TorrentOptions(a), System.out, System.err).run(false, Map.of(), false);
    }
}
