package dev.torpeddo.engine.dht;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real libtorrent 2.0 DHT nodes on 127.0.0.1 (or [::1]): Debian's python3-libtorrent running {@code dht/lt_dht.py}, driven
 * one command line at a time (see the script for the commands).
 */
final class LibtorrentDhtProcess implements AutoCloseable {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final List<Integer> ports;

    private LibtorrentDhtProcess(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = process.outputWriter(StandardCharsets.UTF_8);
        String first = readLine();
        if (!first.startsWith("{\"ports\"")) throw new IllegalStateException("lt_dht.py did not start: " + first);
        this.ports = NUMBER.matcher(first)
                .results()
                .map(m -> Integer.parseInt(m.group()))
                .toList();
    }

    /** Fails with the apt-get hint when the Python bindings are missing. */
    static void requireLibtorrent() throws IOException, InterruptedException {
        Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import libtorrent")
                .redirectErrorStream(true)
                .start();
        check.getInputStream().readAllBytes();
        if (!check.waitFor(60, TimeUnit.SECONDS) || check.exitValue() != 0) {
            throw new IllegalStateException(
                    "libtorrent for Python is not installed: run `apt-get install -y python3-libtorrent`");
        }
    }

    static LibtorrentDhtProcess start(int sessions) throws IOException, InterruptedException {
        return start(sessions, false);
    }

    /** {@code sessions} libtorrent nodes, on [::1] (the IPv6 DHT, BEP 32) with {@code ipv6}. */
    static LibtorrentDhtProcess start(int sessions, boolean ipv6) throws IOException, InterruptedException {
        requireLibtorrent();
        Path script;
        try {
            script = Path.of(
                    LibtorrentDhtProcess.class.getResource("/dht/lt_dht.py").toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Path log = Files.createTempFile("lt_dht", ".log");
        List<String> command =
                new ArrayList<>(List.of(PYTHON.toString(), script.toString(), Integer.toString(sessions)));
        if (ipv6) command.add("--ipv6");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        try {
            return new LibtorrentDhtProcess(p);
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw new IllegalStateException(
                    e.getMessage() + "; stderr: " + Files.readString(log).strip(), e);
        }
    }

    /** The DHT (UDP) port of each session. */
    List<Integer> ports() {
        return ports;
    }

    int routingTableSize(int session) throws IOException {
        return Integer.parseInt(match(NUMBER, command("nodes " + session)).getFirst());
    }

    /** Makes the session join the torrent, so that it announces itself on its listen port. */
    void seed(int session, String infoHashHex) throws IOException {
        command("seed " + session + " " + infoHashHex);
    }

    /** The peers the session's get_peers lookup found, as "ip:port". */
    List<String> getPeers(int session, String infoHashHex, int seconds) throws IOException {
        return match(QUOTED, command("get_peers " + session + " " + infoHashHex + " " + seconds)).stream()
                .filter(s -> !s.equals("peers"))
                .toList();
    }

    private String command(String line) throws IOException {
        in.write(line + "\n");
        in.flush();
        String answer = readLine();
        if (answer.contains("\"error\"")) throw new IllegalStateException("lt_dht.py: " + answer);
        return answer;
    }

    private String readLine() throws IOException {
        String line = out.readLine();
        if (line == null) throw new IOException("lt_dht.py exited");
        return line;
    }

    private static List<String> match(Pattern p, String s) {
        Matcher m = p.matcher(s);
        List<String> found = new ArrayList<>();
        while (m.find()) found.add(m.groupCount() > 0 ? m.group(1) : m.group());
        return found;
    }

    @Override
    public void close() {
        try {
            in.write("quit\n");
            in.flush();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS))
                process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
