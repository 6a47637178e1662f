package dev.torpeddo.engine.dht;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torpeddo.engine.fuzz.FuzzChecks;
import dev.torpeddo.engine.fuzz.FuzzChecks.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Fuzz target for the DHT state file, read at start-up from whatever a crash, a full disk or a hand edit left.
 * Its documented failure handling is to log a warning and start afresh: load() returns empty and throws nothing.
 * Seeds and regression inputs: RoutingTableFileFuzzTestInputs/load.
 */
class RoutingTableFileFuzzTest {
    /** One directory for the whole run: the target writes each input to the same file. */
    private static final Path DIR = createTempDirectory();

    private static final RoutingTableFile FILE = new RoutingTableFile(DIR.resolve("dht.dat"));
    private static final RoutingTableFile COPY = new RoutingTableFile(DIR.resolve("copy.dat"));

    /** The class's logger (System.Logger is java.util.logging here), held so that its handler stays. */
    private static final Logger LOG = Logger.getLogger(RoutingTableFile.class.getName());

    private static final List<LogRecord> WARNINGS = new ArrayList<>();

    static {
        LOG.setUseParentHandlers(false); // thousands of inputs a second would flood the console
        LOG.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) WARNINGS.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
    }

    /** load() reports a bad file by returning empty, so no exception at all is allowed. */
    private static final class NothingIsThrown extends Exception {
        private static final long serialVersionUID = 1L;
    }

    @FuzzTest
    void load(byte[] input) throws IOException {
        Files.write(FILE.path(), input);
        WARNINGS.clear();
        Outcome<Optional<RoutingTableFile.Saved>> outcome =
                FuzzChecks.parse(input.length, FILE::load, NothingIsThrown.class);
        Optional<RoutingTableFile.Saved> loaded = ((Outcome.Parsed<Optional<RoutingTableFile.Saved>>) outcome).value();

        if (loaded.isEmpty()) {
            // Refused: said so in the log, once per load (FuzzChecks loads twice), and starts afresh.
            assertThat(WARNINGS).hasSize(2);
            return;
        }
        assertThat(WARNINGS).isEmpty();
        RoutingTableFile.Saved saved = loaded.get();
        assertThat(saved.id().bytes()).hasSize(NodeId.LENGTH);
        assertThat(saved.nodes()).hasSizeLessThanOrEqualTo(RoutingTableFile.MAX_NODES);
        for (CompactNode n : saved.nodes())
            assertThat(n.address().isUnresolved()).isFalse();

        // What was loaded is saved whole and loads back the same; saving that again writes the same bytes.
        COPY.save(saved.id(), saved.nodes());
        byte[] written = Files.readAllBytes(COPY.path());
        assertThat(COPY.load()).contains(saved);
        COPY.save(COPY.load().orElseThrow().id(), COPY.load().orElseThrow().nodes());
        assertThat(Files.readAllBytes(COPY.path())).isEqualTo(written);
    }

    private static Path createTempDirectory() {
        try {
            Path dir = Files.createTempDirectory("routing-table-fuzz");
            dir.toFile().deleteOnExit(); // runs after the files' (last registered, first deleted)
            for (String name : List.of("dht.dat", "copy.dat"))
                dir.resolve(name).toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
