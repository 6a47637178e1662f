package dev.torpeddo.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.magnet.MagnetLink;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a caller gets from {@code AddMagnet.of} and {@code with}: defaults, each change alone, the checks. */
class AddMagnetTest {
    private static final MagnetLink LINK = MagnetLink.of(new InfoHash(new byte[20]));
    private static final Path DIR = Path.of("/downloads");
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 6881);

    @Test
    void startsFromTheDefaults() {
        assertThat(AddMagnet.of(LINK, DIR)).isEqualTo(new AddMagnet(LINK, DIR, List.of(), false, true, false));
    }

    @Test
    void eachSetterChangesOnlyItsOwnComponent() {
        AddMagnet base = AddMagnet.of(LINK, DIR);

        assertThat(base.with(b -> b.peers(List.of(PEER))))
                .isEqualTo(new AddMagnet(LINK, DIR, List.of(PEER), false, true, false));
        assertThat(base.with(b -> b.sequential(true)))
                .isEqualTo(new AddMagnet(LINK, DIR, List.of(), true, true, false));
        assertThat(base.with(b -> b.useTrackers(false)))
                .isEqualTo(new AddMagnet(LINK, DIR, List.of(), false, false, false));
        assertThat(base.with(b -> b.stopAfterMetadata(true)))
                .isEqualTo(new AddMagnet(LINK, DIR, List.of(), false, true, true));
        assertThat(base.with(b -> b.useTrackers(false)).with(b -> b.stopAfterMetadata(true)))
                .isEqualTo(new AddMagnet(LINK, DIR, List.of(), false, false, true));
        assertThat(base).isEqualTo(AddMagnet.of(LINK, DIR)); // with() returns a copy
    }

    @Test
    void theRequestIsChecked() {
        List<InetSocketAddress> peers = new ArrayList<>(List.of(PEER));
        AddMagnet a = AddMagnet.of(LINK, DIR).with(b -> b.peers(peers));
        peers.clear();

        assertThat(a.peers()).containsExactly(PEER);
        assertThatThrownBy(() -> AddMagnet.of(LINK, DIR).with(b -> b.peers(null)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> AddMagnet.of(null, DIR)).isInstanceOf(NullPointerException.class);
    }
}
