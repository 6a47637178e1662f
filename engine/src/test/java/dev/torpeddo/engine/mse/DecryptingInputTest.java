package dev.torpeddo.engine.mse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class DecryptingInputTest {
    /**
     * A rate-limited reader sizes its reads by available(): an encrypted stream that said 0 once the handshake's
     * leftover was read made it read one byte at a time (a 2 MiB/s limit gave 1 MiB/s against libtorrent).
     */
    @Test
    void availableCountsTheSocketsBytesOnceTheLeftoverIsRead() throws Exception {
        byte[] wire = new byte[5000];
        var in = new DecryptingInput(
                new byte[] {1, 2, 3}, new ByteArrayInputStream(wire), new Rc4(new byte[20]), DecryptingInput.ALL);
        assertThat(in.available()).as("the leftover first").isEqualTo(3);
        assertThat(in.read(new byte[3], 0, 3)).isEqualTo(3);
        assertThat(in.available()).as("then what the socket holds").isEqualTo(5000);
        assertThat(in.read(new byte[4096], 0, 4096)).isEqualTo(4096);
        assertThat(in.available()).isEqualTo(904);
    }
}
