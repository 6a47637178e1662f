package dev.torpeddo.engine.wire.ext;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.bencode.BDecoder;
import dev.torpeddo.engine.bencode.BDict;
import dev.torpeddo.engine.wire.ExtensionHandshake;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ExtensionIdsTest {

    @Test
    void ourHandshakeAnnouncesBothExtensionsAndTheMetadataSizeOnceKnown() throws Exception {
        ExtensionHandshake withSize = ExtensionIds.handshake(6881, 500, "Torpeddo 0.1.0", OptionalInt.of(31235));
        BDict sent = (BDict) BDecoder.DEFAULT.decode(withSize.encode());
        assertThat(sent.getDict("m").orElseThrow().getInt("ut_metadata")).contains(1L);
        assertThat(sent.getDict("m").orElseThrow().getInt("ut_pex")).contains(2L);
        assertThat(sent.getInt("metadata_size")).contains(31235L);

        ExtensionHandshake withoutSize = ExtensionIds.handshake(6881, 500, "Torpeddo 0.1.0", OptionalInt.empty());
        assertThat(((BDict) BDecoder.DEFAULT.decode(withoutSize.encode())).containsKey("metadata_size"))
                .isFalse();
    }

    @Test
    void mapsIdsBothWays() {
        assertThat(ExtensionIds.nameOf(ExtensionIds.UT_METADATA_ID)).contains("ut_metadata");
        assertThat(ExtensionIds.nameOf(ExtensionIds.UT_PEX_ID)).contains("ut_pex");
        assertThat(ExtensionIds.nameOf(0)).isEmpty();
        assertThat(ExtensionIds.nameOf(9)).isEmpty();

        ExtensionHandshake peer = ExtensionHandshake.parse(
                        "d1:md11:ut_metadatai3e6:ut_pexi0eee".getBytes(StandardCharsets.US_ASCII))
                .orElseThrow();
        assertThat(ExtensionIds.remoteId(peer, ExtensionIds.UT_METADATA)).hasValue(3);
        assertThat(ExtensionIds.remoteId(peer, ExtensionIds.UT_PEX)).isEmpty(); // 0 disables
        assertThat(ExtensionIds.remoteId(peer, "lt_donthave")).isEmpty();
    }
}
