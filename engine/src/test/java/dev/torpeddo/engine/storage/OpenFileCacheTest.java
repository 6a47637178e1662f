package dev.torpeddo.engine.storage;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenFileCacheTest {
    @TempDir
    Path dir;

    @Test
    void theLeastRecentlyUsedIdleChannelIsClosedBeyondTheBound() throws IOException {
        OpenFileCache cache = new OpenFileCache(2);
        FileChannel a = lease(cache, 0);
        lease(cache, 1);
        lease(cache, 0); // 0 is now more recent than 1
        lease(cache, 2);

        assertThat(cache.openCount()).isEqualTo(2);
        assertThat(cache.isOpen(0)).isTrue();
        assertThat(cache.isOpen(1)).isFalse();
        assertThat(a.isOpen()).isTrue();
    }

    @Test
    void aChannelEvictedWhileLeasedStaysUsableUntilReleased() throws IOException {
        OpenFileCache cache = new OpenFileCache(1);
        OpenFileCache.Lease held = cache.acquire(0, () -> open(0));
        lease(cache, 1);

        assertThat(held.channel().isOpen()).as("still in use").isTrue();
        held.close();
        assertThat(held.channel().isOpen()).isFalse();
    }

    @Test
    void aChannelClosedByAnInterruptIsReopened() throws IOException {
        OpenFileCache cache = new OpenFileCache(2);
        FileChannel first = lease(cache, 0);
        first.close();

        FileChannel second = lease(cache, 0);

        assertThat(second).isNotSameAs(first);
        assertThat(second.isOpen()).isTrue();
    }

    @Test
    void closingClosesEverythingAndRefusesNewLeases() throws IOException {
        OpenFileCache cache = new OpenFileCache(4);
        FileChannel a = lease(cache, 0);
        cache.close();

        assertThat(a.isOpen()).isFalse();
        assertThatThrownBy(() -> lease(cache, 1)).isInstanceOf(StorageException.class);
    }

    private FileChannel lease(OpenFileCache cache, int key) throws IOException {
        try (OpenFileCache.Lease lease = cache.acquire(key, () -> open(key))) {
            return lease.channel();
        }
    }

    private FileChannel open(int key) throws IOException {
        return FileChannel.open(dir.resolve("f" + key), READ, WRITE, CREATE);
    }
}
