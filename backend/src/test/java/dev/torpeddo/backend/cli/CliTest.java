package dev.torpeddo.backend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: help, version, and one clear line for every bad input. */
class CliTest {
    private static final Path CORPUS =
            Path.of("../engine/src/test/resources/torrents").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {}

    /** Runs the command line; {@code download} and {@code seed} get a fresh state directory unless they name one. */
    private static synchronized Result run(String... args) {
        if (args.length > 1
                && (args[0].equals("download") || args[0].equals("seed"))
                && !java.util.Arrays.asList(args).contains("--state-dir")) {
            try {
                String dir = Files.createTempDirectory("torpeddo-cli-state").toString();
                args = java.util.stream.Stream.concat(
                                java.util.Arrays.stream(args), java.util.stream.Stream.of("--state-dir", dir))
                        .toArray(String[]::new);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return runAsIs(args);
    }

    private static synchronized Result runAsIs(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void versionAndHelp() {
        Result v = run("--version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).startsWith("torpeddo ");
        Result h = run("--help");
        assertThat(h.code()).isZero();
        assertThat(h.out()).contains("download", "seed");
        Result dh = run("download", "--help");
        assertThat(dh.out()).contains("--dir", "--port", "--peer", "--skip-file", "--no-trackers");
    }

    @Test
    void missingArgumentsAreAUsageError() {
        Result r = run("download");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required");
    }

    @Test
    void badOptionsAreUsageErrorsPointingToTheHelp() {
        for (String[] args : new String[][] {
            {"frobnicate"},
            {"download", "x.torrent", "--dir", "d", "--bogus"},
            {"download", "x.torrent", "--dir", "d", "--port", "70000"},
            {"download", "x.torrent", "--dir", "d", "--skip-file", "first"},
            {"download", "x.torrent", "--dir", "d", "--save-torrent", "bad\u0000name"},
            {"download", "x.torrent", "--dir", "d", "--download-limit", "fast"},
            {"download", "x.torrent", "--dir", "d", "--download-limit", "-5MiB"},
            {"seed", "x.torrent", "--dir", "d", "--upload-limit", "8Mb"},
        }) {
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().lines().toList())
                    .as(String.join(" ", args))
                    .hasSize(2)
                    .last()
                    .asString()
                    .contains("--help");
        }
        assertThat(run("help", "seed").out()).startsWith("Usage: torpeddo seed").contains("--upload-limit RATE");
        assertThat(run("download", "x.torrent", "--dir", "d", "--download-limit", "fast")
                        .err())
                .contains("--download-limit")
                .contains("8MiB");
    }

    @Test
    void aTorrentThatDoesNotExistGetsOneLine() {
        Result r = run(
                "download",
                tmp.resolve("nope.torrent").toString(),
                "--dir",
                tmp.resolve("d").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("torpeddo: " + tmp.resolve("nope.torrent") + ": no such file");
        assertThat(tmp.resolve("d")).doesNotExist();
    }

    @Test
    void everyHostileTorrentIsRefusedWithOneLineNamingTheProblemAndNothingIsWritten() throws IOException {
        Path bad = CORPUS.resolve("bad");
        Pattern row = Pattern.compile("^\\| `([^`]+\\.torrent)` \\| ([A-Z_]+|parses) \\|");
        List<String> refused = new ArrayList<>();
        for (String line : Files.readAllLines(bad.resolve("README.md"))) {
            Matcher m = row.matcher(line);
            if (!m.find() || m.group(2).equals("parses")) continue;
            Path torrent = bad.resolve(m.group(1));
            Path dir = tmp.resolve("dl-" + m.group(1));
            Result r =
                    run("download", torrent.toString(), "--dir", dir.toString(), "--port", "0", "--no-lsd", "--no-dht");
            assertThat(r.code()).as(m.group(1)).isEqualTo(2);
            assertThat(r.err().lines().count()).as(m.group(1) + ": " + r.err()).isEqualTo(1);
            assertThat(r.err()).as(m.group(1)).startsWith("torpeddo: " + torrent + ": not a valid torrent: ");
            assertThat(dir).as(m.group(1)).doesNotExist();
            refused.add(m.group(1));
        }
        assertThat(refused).hasSizeGreaterThan(30);
    }

    @Test
    void malformedMagnetLinksGetOneLineNamingTheProblem() {
        String[][] cases = {
            {"magnet:?dn=x", "no xt"},
            {"magnet:?xt=urn:btih:0123456789abcdef", "hex"},
            {"magnet:?xt=urn:btih:" + "Z".repeat(40), ""},
            {"magnet:?xt=urn:btih:" + "1".repeat(40) + "&xt=urn:btih:" + "2".repeat(40), "info-hash"},
        };
        for (String[] c : cases) {
            Result r = run("download", c[0], "--dir", tmp.resolve("m").toString(), "--port", "0");
            assertThat(r.code()).as(c[0]).isEqualTo(2);
            assertThat(r.err().lines().count()).as(c[0]).isEqualTo(1);
            assertThat(r.err())
                    .as(c[0])
                    .startsWith("torpeddo: not a valid magnet link: ")
                    .contains(c[1]);
            assertThat(tmp.resolve("m")).doesNotExist();
        }
    }

    @Test
    void badPeerAddressIsAUsageError() throws IOException {
        Path torrent = goodTorrent();
        Result r = run(
                "download",
                torrent.toString(),
                "--dir",
                tmp.resolve("d").toString(),
                "--peer",
                "nonsense",
                "--port",
                "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("torpeddo: --peer nonsense: expected HOST:PORT");
    }

    @Test
    void anIpv6PeerWithoutBracketsIsAUsageErrorThatShowsTheRightForm() throws IOException {
        Path torrent = goodTorrent();
        Result r = run(
                "download",
                torrent.toString(),
                "--dir",
                tmp.resolve("d").toString(),
                "--peer",
                "::1:6881",
                "--port",
                "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo("torpeddo: --peer ::1:6881: an IPv6 address goes in brackets, e.g. [::1]:6881");
    }

    @Test
    void aBusyPortIsReportedClearly() throws IOException {
        Path torrent = goodTorrent();
        try (ServerSocket busy = new ServerSocket(0)) {
            Result r = run(
                    "download",
                    torrent.toString(),
                    "--dir",
                    tmp.resolve("d").toString(),
                    "--port",
                    "" + busy.getLocalPort(),
                    "--no-lsd",
                    "--no-dht");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().strip())
                    .isEqualTo("torpeddo: port " + busy.getLocalPort() + " is in use; pick another with --port");
        }
    }

    @Test
    void skippingAFileThatDoesNotExistIsAUsageError() throws IOException {
        Path torrent = goodTorrent();
        Result r = run(
                "download",
                torrent.toString(),
                "--dir",
                tmp.resolve("d").toString(),
                "--skip-file",
                "99",
                "--port",
                "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("torpeddo: --skip-file 99: the torrent has 1 files");
    }

    private Path goodTorrent() throws IOException {
        Path dst = tmp.resolve("good.torrent");
        Files.copy(CORPUS.resolve("good/single_file.torrent"), dst);
        return dst;
    }

    @Test
    void aSecondRunOnTheSameStateDirectoryTrustsWhatTheFirstVerified() throws IOException {
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        byte[] bytes = new byte[200_000];
        new java.util.Random(7).nextBytes(bytes);
        Path file = data.resolve("movie.bin");
        Files.write(file, bytes);
        Path torrent = tmp.resolve("movie.torrent");
        Files.write(
                torrent,
                dev.torpeddo.engine.metainfo.TorrentBuilder.from(file)
                        .pieceLength(16 * 1024)
                        .build());
        String state = tmp.resolve("state").toString();
        String[] args = {
            "download",
            torrent.toString(),
            "--dir",
            data.toString(),
            "--port",
            "0",
            "--no-lsd",
            "--no-dht",
            "--state-dir",
            state
        };
        assertThat(runAsIs(args).code()).isZero();
        // Damage a byte, keeping size and time: the resume record is trusted, so the second run reads nothing
        // and is done at once. (A check would find the damage and wait for a peer that never comes.)
        var time = Files.getLastModifiedTime(file);
        bytes[100_000] ^= 1;
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, time);
        Result again = runAsIs(args);
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("carrying on from the last run", "done: movie.bin");
    }

    @Test
    void aStateDirectoryInUseIsRefusedWithOneLine() throws Exception {
        Path state = tmp.resolve("state");
        try (var held = dev.torpeddo.backend.manager.StateDir.open(
                dev.torpeddo.backend.manager.StateDir.Locations.single(state))) {
            Result r = runAsIs(
                    "download",
                    goodTorrent().toString(),
                    "--dir",
                    tmp.resolve("d").toString(),
                    "--port",
                    "0",
                    "--state-dir",
                    state.toString());
            assertThat(held.dataDir()).isEqualTo(state.toAbsolutePath());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().strip())
                    .startsWith("torpeddo: ")
                    .contains("is in use by another Torpeddo (process "
                            + ProcessHandle.current().pid() + ")");
        }
    }
}
