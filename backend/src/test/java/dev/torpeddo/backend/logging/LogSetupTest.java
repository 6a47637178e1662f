package dev.torpeddo.backend.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each configuration prints where, through the engine's own way of logging (System.Logger). */
class LogSetupTest {
    private static final System.Logger ENGINE = System.getLogger("dev.torpeddo.engine.torrent.Torrent");
    private static final System.Logger JDK = System.getLogger("jdk.internal.something");

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream oldOut = System.out;
    private final PrintStream oldErr = System.err;

    private void capture() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
        LogSetup.console(false);
    }

    @Test
    void theConsoleShowsWarningsAsTheCommandLineAlwaysDidAndDebugOnlyWhenVerbose() {
        capture();
        LogSetup.console(false);
        ENGINE.log(System.Logger.Level.INFO, "not shown");
        ENGINE.log(System.Logger.Level.WARNING, "peer {0} sent {1} bad pieces", "1.2.3.4:5", 3);
        ENGINE.log(System.Logger.Level.ERROR, "write failed", new java.io.IOException("disk full"));
        LogSetup.console(true);
        ENGINE.log(System.Logger.Level.DEBUG, "dialling");
        JDK.log(System.Logger.Level.DEBUG, "the JDK's debug stays hidden");
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList())
                .hasSize(3)
                .satisfiesExactly(
                        l -> assertThat(l)
                                .matches("\\[ *\\d+\\.\\d{3}] WARNING Torrent: peer 1.2.3.4:5 sent 3 bad pieces"),
                        l -> assertThat(l).endsWith("] SEVERE Torrent: write failed (java.io.IOException: disk full)"),
                        l -> assertThat(l).endsWith("] FINE Torrent: dialling"));
    }

    @Test
    void rpcModeLogsToStderrAndItsFileAndNeverToStdout() throws Exception {
        capture();
        Path logs = tmp.resolve("state/logs");
        LogSetup.rpc(logs);
        ENGINE.log(System.Logger.Level.INFO, "tracker {0} failed", "http://127.0.0.1:1/announce");
        ENGINE.log(System.Logger.Level.DEBUG, "too fine for the log");
        LogSetup.console(false); // closes the file
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("INFO Torrent: tracker http://127.0.0.1:1/announce failed");
        String file = Files.readString(logs.resolve(LogSetup.LOG_FILE));
        assertThat(file)
                .contains("INFO  [", "dev.torpeddo.engine.torrent.Torrent: tracker http://127.0.0.1:1/announce failed")
                .doesNotContain("too fine");
    }
}
