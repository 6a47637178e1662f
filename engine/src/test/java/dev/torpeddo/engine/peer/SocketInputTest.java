package dev.torpeddo.engine.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class SocketInputTest {
    /** A stream that hands out at most {@code chunk} bytes per read, like a socket does. */
    private static InputStream trickling(byte[] data, int chunk) {
        return new InputStream() {
            private int at;

            @Override
            public int read() {
                return at < data.length ? data[at++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at == data.length) return -1;
                int n = Math.min(Math.min(len, chunk), data.length - at);
                System.arraycopy(data, at, b, off, n);
                at += n;
                return n;
            }
        };
    }

    @Property(tries = 200)
    void deliversAndCountsExactlyTheStreamsBytesWhateverTheReadSizes(
            @ForAll @IntRange(min = 0, max = 5000) int length,
            @ForAll @IntRange(min = 1, max = 700) int chunk,
            @ForAll @IntRange(min = 1, max = 300) int bufferSize,
            @ForAll long seed)
            throws IOException {
        Random random = new Random(seed);
        byte[] data = new byte[length];
        random.nextBytes(data);
        SocketInput in = new SocketInput(trickling(data, chunk), bufferSize);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            // Never less than what was delivered, never more than a buffer ahead of it.
            assertThat(in.received() - out.size()).isBetween(0L, (long) bufferSize);
            if (random.nextInt(4) == 0) {
                int b = in.read();
                if (b < 0) break;
                out.write(b);
            } else {
                byte[] dst = new byte[1 + random.nextInt(2 * bufferSize)];
                int n = in.read(dst, 0, dst.length);
                if (n < 0) break;
                assertThat(n).isPositive();
                out.write(dst, 0, n);
            }
        }
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.received()).isEqualTo(length);
    }
}
