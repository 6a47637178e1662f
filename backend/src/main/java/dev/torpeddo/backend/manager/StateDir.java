package dev.torpeddo.backend.manager;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

/**
 * Where a manager keeps its state, held under a lock so that only one manager uses it at a time. Settings live
 * in {@link #configDir()}, the torrents, their resume records and the DHT's routing table in {@link #dataDir()}
 * (the two are one directory when the user names it with {@code --state-dir}).
 */
public final class StateDir implements AutoCloseable {
    private final Path configDir;
    private final Path dataDir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private StateDir(Path configDir, Path dataDir, FileChannel lockChannel, FileLock lock) {
        this.configDir = configDir;
        this.dataDir = dataDir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** The two directories a manager uses. */
    public record Locations(Path configDir, Path dataDir) {
        /** One directory for everything (what {@code --state-dir DIR} asks for). */
        public static Locations single(Path dir) {
            Path abs = dir.toAbsolutePath().normalize();
            return new Locations(abs, abs);
        }

        /**
         * The platform's usual place: on Linux and other Unixes {@code $XDG_CONFIG_HOME/torpeddo} and
         * {@code $XDG_DATA_HOME/torpeddo} (defaults {@code ~/.config} and {@code ~/.local/share}); on Windows
         * {@code %APPDATA%\Torpeddo}; on macOS {@code ~/Library/Application Support/Torpeddo}.
         */
        public static Locations platformDefault(Map<String, String> env, String osName, String userHome) {
            String os = osName.toLowerCase(java.util.Locale.ROOT);
            Path home = Path.of(userHome);
            if (os.startsWith("windows")) {
                String appData = env.get("APPDATA");
                Path base = appData != null && !appData.isBlank()
                        ? Path.of(appData)
                        : home.resolve("AppData").resolve("Roaming");
                return single(base.resolve("Torpeddo"));
            }
            if (os.startsWith("mac")) {
                return single(
                        home.resolve("Library").resolve("Application Support").resolve("Torpeddo"));
            }
            return new Locations(
                    xdg(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve("torpeddo"),
                    xdg(env, "XDG_DATA_HOME", home.resolve(".local").resolve("share"))
                            .resolve("torpeddo"));
        }

        /** {@link #platformDefault} for this machine and user. */
        public static Locations forThisUser() {
            return platformDefault(System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
        }

        private static Path xdg(Map<String, String> env, String name, Path fallback) {
            String value = env.get(name);
            // The XDG spec says relative values are invalid and must be ignored.
            if (value == null || value.isBlank() || !Path.of(value).isAbsolute()) return fallback;
            return Path.of(value);
        }
    }

    /** Another manager holds the state directory. */
    public static final class LockedException extends IOException {
        LockedException(String message) {
            super(message);
        }
    }

    /**
     * {@link #open}, for a program facing a user: when the directory is held by another manager or cannot be used,
     * the reason goes to {@code err} as one line and the result is empty (the program then exits with 2).
     */
    public static Optional<StateDir> openOrExplain(Locations where, PrintStream err) {
        try {
            return Optional.of(open(where));
        } catch (LockedException e) {
            err.println("torpeddo: " + e.getMessage());
        } catch (IOException e) {
            err.println("torpeddo: cannot use the state directory " + where.dataDir() + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * Creates the directories if needed and takes the lock.
     *
     * @throws LockedException if another manager (in this process or another) holds it
     * @throws IOException if the directories cannot be created or the lock file cannot be opened
     */
    public static StateDir open(Locations where) throws IOException {
        Files.createDirectories(where.configDir());
        Files.createDirectories(where.dataDir());
        Path lockFile = where.dataDir().resolve("lock");
        FileChannel channel = FileChannel.open(
                lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException inThisProcess) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = readHolder(channel);
            channel.close();
            throw new LockedException(where.dataDir() + " is in use by another Torpeddo" + holder
                    + "; close it first or use another --state-dir");
        }
        // Who holds it, for the message the next one prints; the lock itself is the OS's, released on exit or
        // crash, so a stale file never blocks anyone.
        channel.truncate(0);
        channel.write(
                ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
        return new StateDir(where.configDir(), where.dataDir(), channel, lock);
    }

    private static String readHolder(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            channel.read(buf, 0);
            String pid = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
            return pid.matches("\\d{1,10}") ? " (process " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    public Path configDir() {
        return configDir;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path settingsFile() {
        return configDir.resolve("settings.json");
    }

    /** One {@code .torrent} and one resume record per torrent. */
    public Path torrentsDir() {
        return dataDir.resolve("torrents");
    }

    public Path dhtStateFile() {
        return dataDir.resolve("dht-state.dat");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
