package dev.torpeddo.backend.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A child process whose output lines are collected, for tests that drive real clients. */
final class ExternalProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ExternalProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    if (System.getenv("TORPEDDO_TEST_VERBOSE") != null) System.err.println("[" + name + "] " + line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    static ExternalProcess start(String name, Path workDir, List<String> command) throws IOException {
        ProcessBuilder pb =
                new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        // Each test keeps its DHT routing table in its own directory, never in the user's.
        pb.environment().put("XDG_STATE_HOME", workDir.resolve("state-" + name).toString());
        return new ExternalProcess(name, pb.start());
    }

    /** Waits until a line matches; fails with the output so far if the process dies or time runs out. */
    String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            for (; seen < lines.size(); seen++) if (match.test(lines.get(seen))) return lines.get(seen);
            if (!process.isAlive() && seen >= lines.size()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + output());
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " did not print the expected line within " + timeout + ":\n" + output());
    }

    /** Waits for exit and fails, showing the output, unless the process exited with 0. */
    void awaitSuccess(Duration timeout) throws InterruptedException {
        assertThat(awaitExit(timeout)).as(output()).isZero();
    }

    /** Waits for exit and returns the exit code; kills the process and fails on timeout. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " still running after " + timeout + ":\n" + output());
        }
        Thread.sleep(100); // let the reader drain the last lines
        return process.exitValue();
    }

    String output() {
        return String.join("\n", lines);
    }

    long pid() {
        return process.pid();
    }

    /** Every line printed so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Ends the process at once, as {@code kill -9} does: no shutdown hooks, nothing flushed or saved. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS))
                process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
