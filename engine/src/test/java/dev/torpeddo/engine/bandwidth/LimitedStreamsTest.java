package dev.torpeddo.engine.bandwidth;

import static dev.torpeddo.engine.bandwidth.Transfers.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The stream wrappers a connection reads and writes through, on a manual clock. */
class LimitedStreamsTest {
    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    private final ManualClock clock = new ManualClock();

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SplittableRandom(7).nextBytes(b);
        return b;
    }

    @Test
    void readsTakeOnlyWhatIsGrantedAndDeliverEveryByteInOrder() throws IOException {
        byte[] data = randomBytes(2000 * KIB);
        RateLimiter limiter = new RateLimiter(clock, 100 * KIB); // quantum 2 KiB
        InputStream in = Bandwidth.of(limiter).limit(new ByteArrayInputStream(data));
        byte[] got = new byte[data.length];
        long start = clock.nanoTime();
        int total = 0;
        while (total < data.length) {
            int n = in.read(got, total, Math.min(256 * KIB, data.length - total));
            assertThat(n).isBetween(1, 2 * KIB);
            total += n;
        }
        assertThat(got).isEqualTo(data);
        long burst = 10 * KIB;
        assertThat(clock.nanoTime() - start)
                .as("nanoseconds for the bytes beyond the burst")
                .isBetween(
                        (data.length - burst) * SECOND / (100 * KIB),
                        (data.length - burst) * SECOND / (100 * KIB) + SECOND / 100);
    }

    @Test
    void aStreamThatCannotSayWhatIsAvailableIsReadByteByByte() throws IOException {
        byte[] data = randomBytes(100);
        InputStream secretive = new ByteArrayInputStream(data) {
            @Override
            public synchronized int available() {
                return 0;
            }
        };
        InputStream in = Bandwidth.of(new RateLimiter(clock, 100 * KIB)).limit(secretive);
        byte[] got = new byte[data.length];
        assertThat(in.read(got, 0, got.length)).isEqualTo(1);
        assertThat(in.readNBytes(got, 1, got.length - 1)).isEqualTo(data.length - 1);
        assertThat(got).isEqualTo(data);
        assertThat(in.read(got, 0, 1)).isEqualTo(-1);
    }

    @Test
    void aSilentConnectionHoldsNoTokensWhileItWaitsForData() throws Exception {
        RateLimiter limiter = new RateLimiter(clock, 100 * KIB); // burst 10 KiB
        Bandwidth shared = Bandwidth.of(limiter);
        PipedOutputStream peer = new PipedOutputStream();
        InputStream silent = shared.limit(new PipedInputStream(peer));
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                silent.read(new byte[64 * KIB], 0, 64 * KIB);
            } catch (IOException ignored) {
                // the pipe closes at the end of the test
            }
        });
        for (int i = 0; i < 5000 && reader.getState() != Thread.State.TIMED_WAITING; i++) Thread.sleep(1);
        assertThat(reader.getState()).as("waiting for data").isEqualTo(Thread.State.TIMED_WAITING);

        InputStream busy = shared.limit(new ByteArrayInputStream(new byte[MIB]));
        long before = clock.nanoTime();
        long free = 0;
        byte[] buf = new byte[KIB];
        while (clock.nanoTime() == before) free += busy.read(buf, 0, buf.length);
        assertThat(free - KIB).as("the whole burst, read without waiting").isEqualTo(10 * KIB);

        peer.write(1);
        peer.close();
        reader.join(5000);
    }

    @Test
    void bytesReadWhileALimitWasSetArePaidForByTheNextRead() throws IOException {
        RateLimiter limiter = new RateLimiter(clock);
        InputStream sneaky = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                limiter.setRate(KIB); // the limit arrives while this read is under way
                return len;
            }

            @Override
            public int available() {
                return Integer.MAX_VALUE;
            }
        };
        InputStream in = Bandwidth.of(limiter).limit(sneaky);
        assertThat(in.read(new byte[10 * KIB], 0, 10 * KIB)).isEqualTo(10 * KIB);
        long before = clock.nanoTime();
        in.read(new byte[1], 0, 1);
        assertThat(clock.nanoTime() - before)
                .as("10 KiB at 1 KiB/s, less the burst")
                .isBetween(9 * SECOND, 10 * SECOND);
    }

    @Test
    void writesLeaveInGrantedChunksPacedByTheRate() throws IOException {
        byte[] data = randomBytes(MIB);
        List<byte[]> chunks = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        OutputStream socket = new OutputStream() {
            @Override
            public void write(int b) {
                throw new AssertionError("single bytes");
            }

            @Override
            public void write(byte[] b, int off, int len) {
                chunks.add(Arrays.copyOfRange(b, off, off + len));
                times.add(clock.nanoTime());
            }
        };
        OutputStream out = Bandwidth.of(new RateLimiter(clock, 100 * KIB)).limit(socket);
        long start = clock.nanoTime();
        out.write(data, 0, 600 * KIB);
        out.write(data, 600 * KIB, data.length - 600 * KIB);

        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] c : chunks) {
            assertThat(c.length).isBetween(1, 2 * KIB);
            joined.writeBytes(c);
        }
        assertThat(joined.toByteArray()).isEqualTo(data);
        // After the 10 KiB burst, each 2 KiB chunk leaves 20 ms after the one before.
        long last = times.get(times.size() - 1) - start;
        assertThat(last).isBetween((MIB - 12 * KIB) * SECOND / (100 * KIB), (long) MIB * SECOND / (100 * KIB));
    }
}
