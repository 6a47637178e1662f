package dev.torpeddo.engine.wire.ext;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PexStateTest {
    private final TestClock clock = new TestClock();
    private final InetSocketAddress recipient = address(1);
    private final PexState state = new PexState(clock, recipient);

    @Test
    void firstMessageListsEveryConnectedPeerButTheRecipient() {
        PexPeer a = new PexPeer(address(2), PexPeer.SEED);
        PexPeer b = PexPeer.of(address(3));
        assertThat(state.nextMessage(List.of(a, PexPeer.of(recipient), b)))
                .contains(new PexMessage(List.of(a, b), List.of()));
    }

    @Test
    void laterMessagesCarryOnlyChangesAndComeAtMostOncePerMinute() {
        PexPeer a = PexPeer.of(address(2));
        PexPeer b = PexPeer.of(address(3));
        PexPeer c = PexPeer.of(address(4));
        assertThat(state.nextMessage(List.of(a, b))).isPresent();

        assertThat(state.nextMessage(List.of(b, c))).isEmpty();
        clock.advance(Duration.ofSeconds(59));
        assertThat(state.nextMessage(List.of(b, c))).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(state.nextMessage(List.of(b, c))).contains(new PexMessage(List.of(c), List.of(a.address())));

        clock.advance(Duration.ofMinutes(5));
        assertThat(state.nextMessage(List.of(b, c))).isEmpty(); // no news
        assertThat(state.nextMessage(List.of(b))).contains(new PexMessage(List.of(), List.of(c.address())));
    }

    @Test
    void capsEachMessageAndSendsTheRestLater() {
        List<PexPeer> many = new ArrayList<>();
        for (int i = 10; i < 130; i++) many.add(PexPeer.of(address(i)));
        assertThat(state.nextMessage(many).orElseThrow().added()).containsExactlyElementsOf(many.subList(0, 50));
        clock.advance(PexState.INTERVAL);
        assertThat(state.nextMessage(many).orElseThrow().added()).containsExactlyElementsOf(many.subList(50, 100));
        clock.advance(PexState.INTERVAL);
        assertThat(state.nextMessage(List.of()).orElseThrow().dropped()).hasSize(50);
        clock.advance(PexState.INTERVAL);
        PexMessage last = state.nextMessage(List.of()).orElseThrow();
        assertThat(last.dropped()).hasSize(50);
        assertThat(last.added()).isEmpty();
        clock.advance(PexState.INTERVAL);
        assertThat(state.nextMessage(many.subList(100, 120)).orElseThrow().added())
                .containsExactlyElementsOf(many.subList(100, 120));
        clock.advance(PexState.INTERVAL);
        assertThat(state.nextMessage(many.subList(100, 120))).isEmpty();
    }

    @Test
    void aPeerThatLeavesAndReturnsIsAddedAgain() {
        PexPeer a = PexPeer.of(address(2));
        state.nextMessage(List.of(a));
        clock.advance(PexState.INTERVAL);
        assertThat(state.nextMessage(List.of())).contains(new PexMessage(List.of(), List.of(a.address())));
        clock.advance(PexState.INTERVAL);
        assertThat(state.nextMessage(List.of(a))).contains(new PexMessage(List.of(a), List.of()));
    }

    private static InetSocketAddress address(int n) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, (byte) (n >> 8), (byte) n}), 6881);
        } catch (java.net.UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
