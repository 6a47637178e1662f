package dev.torpeddo.backend.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.Metainfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Test content for interop runs: uneven multi-file sets that exercise piece/file boundaries. */
final class InteropFiles {
    private InteropFiles() {}

    /** A directory {@code root/name} with files of uneven sizes, one in a subdirectory, one empty. */
    static Path multiFile(Path root, String name, long seed) throws IOException {
        Path dir = root.resolve(name);
        Files.createDirectories(dir.resolve("extras"));
        Random r = new Random(seed);
        long[] sizes = {3_000_001, 0, 777_777, 12_345, 5_242_880};
        String[] names = {"a.bin", "empty.txt", "extras/b.bin", "extras/c.txt", "d.bin"};
        for (int i = 0; i < sizes.length; i++) {
            byte[] data = new byte[(int) sizes[i]];
            r.nextBytes(data);
            Files.write(dir.resolve(names[i]), data);
        }
        return dir;
    }

    /** Asserts every file of the torrent is byte-identical in both directories. */
    static void assertSameContent(Metainfo meta, Path expected, Path actual) throws IOException {
        for (FileEntry f : meta.files()) {
            Path a = expected.resolve(String.join("/", f.path()));
            Path b = actual.resolve(String.join("/", f.path()));
            assertThat(b).as(f.displayPath() + " exists").exists();
            assertThat(Files.mismatch(a, b))
                    .as(f.displayPath() + " is byte-identical")
                    .isEqualTo(-1L);
        }
    }
}
