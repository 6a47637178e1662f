package dev.torpeddo.engine.dht;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.ManualClock;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenManagerTest {
    private final ManualClock clock = new ManualClock();
    private final TokenManager tokens = new TokenManager(clock);
    private final InetAddress alice = InetAddress.ofLiteral("10.0.0.1");
    private final InetAddress bob = InetAddress.ofLiteral("10.0.0.2");

    @Test
    void aTokenWorksOnlyForTheAddressItWasGivenTo() {
        Token t = tokens.tokenFor(alice);
        assertThat(tokens.isValid(t, alice)).isTrue();
        assertThat(tokens.isValid(t, bob)).isFalse();
        assertThat(tokens.isValid(new Token(new byte[8]), alice)).isFalse();
    }

    @Test
    void aTokenSurvivesOneRotationButNotTwo() {
        Token t = tokens.tokenFor(alice);
        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        assertThat(tokens.isValid(t, alice)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.isValid(t, alice)).isFalse();
    }

    @Test
    void aTokenIssuedJustBeforeARotationLastsFiveMinutesMore() {
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        Token t = tokens.tokenFor(alice);
        clock.advance(Duration.ofMinutes(5));
        assertThat(tokens.isValid(t, alice)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.isValid(t, alice)).isFalse();
    }

    @Test
    void aLongSilenceInvalidatesEverything() {
        Token t = tokens.tokenFor(alice);
        clock.advance(Duration.ofHours(3));
        assertThat(tokens.isValid(t, alice)).isFalse();
        assertThat(tokens.isValid(tokens.tokenFor(alice), alice)).isTrue();
    }
}
