package dev.torpeddo.backend.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "seed",
        mixinStandardHelpOptions = true,
        description = {
            "Check the torrent's data in DIR and serve it to other peers until interrupted (Ctrl-C).",
            "Missing pieces are downloaded first, so seeding an empty DIR also works."
        })
final class SeedCommand implements Callable<Integer> {
    @Mixin
    TorrentOptions options = new TorrentOptions();

    @Override
    public Integer call() throws Exception {
        return new TorrentRun(options, System.out, System.err).run(false, Map.of(), false);
    }
}
