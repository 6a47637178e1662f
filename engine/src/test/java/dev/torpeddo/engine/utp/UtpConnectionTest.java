package dev.torpeddo.engine.utp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The connection state machine over a link in virtual time ({@link VirtualLink}): a stream arrives whole and
 * in order whatever the link loses, reorders or delays, and the bounds hold.
 */
class UtpConnectionTest {
    private static final UtpLimits LIMITS = new UtpLimits(8, 4, 256 << 10, 256 << 10, 64L << 20);

    @Test
    void carriesAStreamOverACleanLink() throws IOException {
        VirtualLink link = new VirtualLink(1, Duration.ofMillis(20), 0, Duration.ZERO, LIMITS);
        byte[] got = transfer(link, 2 << 20, 60_000);
        assertThat(link.lost).isZero();
        assertThat(got).hasSize(2 << 20);
    }

    @Test
    void carriesAStreamOverALossyLink() throws IOException {
        VirtualLink link = new VirtualLink(2, Duration.ofMillis(30), 0.05, Duration.ZERO, LIMITS);
        transfer(link, 1 << 20, 300_000);
        assertThat(link.lost).isPositive();
    }

    @Test
    void carriesAStreamOverAReorderingJitteryLink() throws IOException {
        // Up to 40 ms of extra random delay per datagram on 10 ms: most arrive out of order.
        VirtualLink link = new VirtualLink(3, Duration.ofMillis(10), 0.01, Duration.ofMillis(40), LIMITS);
        transfer(link, 1 << 20, 300_000);
    }

    @Test
    void aReceiverThatDoesNotReadHoldsNoMoreThanItsBuffer() throws IOException {
        VirtualLink link = new VirtualLink(4, Duration.ofMillis(5), 0, Duration.ZERO, LIMITS);
        link.connect();
        byte[] data = new byte[LIMITS.receiveBuffer() * 3];
        int written = 0;
        for (int ms = 0; ms < 20_000; ms++) {
            written += writeSome(link.a, data, written);
            link.step();
            if (link.b != null) assertThat(link.b.heldBytes()).isLessThanOrEqualTo(LIMITS.receiveBuffer());
        }
        assertThat(link.b.heldBytes()).isGreaterThan(LIMITS.receiveBuffer() / 2);
        // The sender stopped at the window and still holds the rest: nothing was lost on the way.
        assertThat(written).isLessThan(data.length);
        assertThat(link.a.snapshot().state()).isEqualTo(UtpConnection.State.CONNECTED);
    }

    @Test
    void aPeerThatStopsAckingIsGivenUpWithinBoundedTime() throws IOException {
        VirtualLink link = new VirtualLink(5, Duration.ofMillis(5), 0, Duration.ZERO, LIMITS);
        link.connect();
        for (int ms = 0; ms < 100; ms++) link.step();
        assertThat(link.a.snapshot().state()).isEqualTo(UtpConnection.State.CONNECTED);
        link.dropToA = p -> true; // B vanishes: nothing comes back
        link.a.out().write(new byte[50_000]);
        link.a.out().flush();
        int ms = 0;
        while (link.a.snapshot().state() != UtpConnection.State.CLOSED && ms < 600_000) {
            link.step();
            ms++;
        }
        // Six timeouts with the timeout doubling from 1 s: about two minutes, well under ten.
        assertThat(link.a.snapshot().state()).isEqualTo(UtpConnection.State.CLOSED);
        assertThatThrownBy(() -> link.a.out().write(1)).isInstanceOf(IOException.class);
    }

    @Test
    void aSynNobodyAnswersFailsTheConnect() throws IOException {
        VirtualLink link = new VirtualLink(6, Duration.ofMillis(5), 0, Duration.ZERO, LIMITS);
        link.dropToB = p -> true;
        link.connect();
        for (int ms = 0; ms < 12_000; ms++) link.step();
        assertThat(link.a.snapshot().state()).isEqualTo(UtpConnection.State.CLOSED);
        assertThatThrownBy(link.a::awaitConnected).isInstanceOf(java.net.SocketTimeoutException.class);
    }

    @Test
    void closingSendsWhatWasWrittenThenFinAndThePeerReadsTheEnd() throws IOException {
        VirtualLink link = new VirtualLink(7, Duration.ofMillis(10), 0.02, Duration.ZERO, LIMITS);
        link.connect();
        byte[] data = new byte[100_000];
        new Random(7).nextBytes(data);
        for (int ms = 0; ms < 100; ms++) link.step();
        link.a.out().write(data);
        link.a.close();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        boolean ended = false;
        for (int ms = 0; ms < 60_000 && !ended; ms++) {
            link.step();
            ended = readSome(link.b, got);
        }
        assertThat(ended).isTrue();
        assertThat(got.toByteArray()).isEqualTo(data);
    }

    /** Writes {@code size} random bytes from A and reads them at B; returns what B read. */
    private static byte[] transfer(VirtualLink link, int size, int maxMillis) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        link.connect();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int written = 0;
        for (int ms = 0; ms < maxMillis && got.size() < size; ms++) {
            written += writeSome(link.a, data, written);
            link.step();
            if (link.b != null) readSome(link.b, got);
        }
        assertThat(got.size())
                .as("bytes delivered in %d ms of virtual time", maxMillis)
                .isEqualTo(size);
        assertThat(Arrays.equals(got.toByteArray(), data)).isTrue();
        assertThat(link.buffered).isZero();
        return got.toByteArray();
    }

    private static int writeSome(UtpConnection c, byte[] data, int from) throws IOException {
        if (c.snapshot().state() != UtpConnection.State.CONNECTED) return 0;
        int n = (int) Math.min(c.sendRoom(), data.length - from);
        if (n <= 0) return 0;
        c.out().write(data, from, n);
        c.out().flush();
        return n;
    }

    /** Reads what is there; true at the end of the stream. */
    private static boolean readSome(UtpConnection c, ByteArrayOutputStream into) throws IOException {
        byte[] buf = new byte[64 << 10];
        while (c.in().available() > 0) {
            int n = c.in().read(buf, 0, buf.length);
            into.write(buf, 0, n);
        }
        return c.snapshot().state() != UtpConnection.State.CONNECTED || c.atEndOfStream();
    }
}
