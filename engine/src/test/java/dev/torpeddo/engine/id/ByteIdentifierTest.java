package dev.torpeddo.engine.id;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteIdentifierTest {
    private static final class Plain extends ByteIdentifier {
        Plain(byte[] bytes) {
            super(bytes);
        }
    }

    private static final class Other extends ByteIdentifier {
        Other(byte[] bytes) {
            super(bytes);
        }
    }

    private static final class Secret extends ByteIdentifier {
        Secret(byte[] bytes) {
            super(bytes);
        }

        @Override
        protected boolean isSecret() {
            return true;
        }
    }

    @Test
    void neitherTheArrayGivenNorTheOneReturnedCanChangeIt() {
        byte[] given = {1, 2, 3};
        Plain id = new Plain(given);
        given[0] = 9;
        id.bytes()[1] = 9;
        assertThat(id.bytes()).containsExactly(1, 2, 3);
        assertThat(id).isEqualTo(new Plain(new byte[] {1, 2, 3}));
    }

    @Test
    void equalByContentAndClassOnly() {
        byte[] b = {(byte) 0xca, (byte) 0xfe};
        assertThat(new Plain(b)).isEqualTo(new Plain(b.clone())).hasSameHashCodeAs(new Plain(b.clone()));
        assertThat(new Plain(b)).isNotEqualTo(new Plain(new byte[] {(byte) 0xca, (byte) 0xff}));
        assertThat(new Plain(b)).isNotEqualTo(new Plain(new byte[] {(byte) 0xca}));
        assertThat(new Plain(b)).isNotEqualTo(new Other(b));
        assertThat(new Secret(b)).isEqualTo(new Secret(b.clone()));
        assertThat(new Secret(b)).isNotEqualTo(new Secret(new byte[] {(byte) 0xca, 0}));
        assertThat(new Secret(b)).isNotEqualTo(new Secret(new byte[] {(byte) 0xca}));
    }

    @Test
    void printsAsLowerCaseHex() {
        Plain id = new Plain(new byte[] {0, (byte) 0xab, 0x7f});
        assertThat(id.hex()).isEqualTo("00ab7f");
        assertThat(id).hasToString("00ab7f");
        assertThat(id.length()).isEqualTo(3);
        assertThat(new Plain(new byte[0]).hex()).isEmpty();
    }
}
