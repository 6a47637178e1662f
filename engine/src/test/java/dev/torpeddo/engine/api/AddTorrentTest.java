package dev.torpeddo.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.metainfo.Metainfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a caller gets from {@code AddTorrent.of} and {@code with}: defaults, each change alone, the checks. */
class AddTorrentTest {
    /** Two files of 10 bytes, 16-byte pieces; the hashes do not matter here. */
    static final Metainfo META = new Metainfo(
            new InfoHash(new byte[20]),
            "t",
            16,
            new byte[40],
            List.of(new FileEntry(List.of("t", "a"), 10, 0), new FileEntry(List.of("t", "b"), 10, 10)),
            20,
            List.of(),
            false,
            List.of(),
            new byte[0],
            Optional.empty(),
            Optional.empty());

    private static final Path DIR = Path.of("/downloads");
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 6881);

    @Test
    void startsFromTheDefaults() {
        AddTorrent a = AddTorrent.of(META, DIR);

        assertThat(a.metainfo()).isSameAs(META);
        assertThat(a.downloadDir()).isEqualTo(DIR);
        assertThat(a.peers()).isEmpty();
        assertThat(a.filePriorities()).isEmpty();
        assertThat(a.sequential()).isFalse();
        assertThat(a.useTrackers()).isTrue();
        assertThat(a.paused()).isFalse();
        assertThat(a.resumeData()).isEmpty();
        assertThat(a.downloadLimit()).isZero();
        assertThat(a.uploadLimit()).isZero();
    }

    @Test
    void eachSetterChangesOnlyItsOwnComponent() {
        AddTorrent base = AddTorrent.of(META, DIR);

        assertThat(base.with(b -> b.peers(List.of(PEER))))
                .isEqualTo(
                        new AddTorrent(META, DIR, List.of(PEER), Map.of(), false, true, false, Optional.empty(), 0, 0));
        assertThat(base.with(b -> b.filePriorities(Map.of(1, 0))))
                .isEqualTo(
                        new AddTorrent(META, DIR, List.of(), Map.of(1, 0), false, true, false, Optional.empty(), 0, 0));
        assertThat(base.with(b -> b.sequential(true)))
                .isEqualTo(new AddTorrent(META, DIR, List.of(), Map.of(), true, true, false, Optional.empty(), 0, 0));
        assertThat(base.with(b -> b.useTrackers(false)))
                .isEqualTo(new AddTorrent(META, DIR, List.of(), Map.of(), false, false, false, Optional.empty(), 0, 0));
        assertThat(base.with(b -> b.paused(true)))
                .isEqualTo(new AddTorrent(META, DIR, List.of(), Map.of(), false, true, true, Optional.empty(), 0, 0));
        assertThat(base.with(b -> b.downloadLimit(1000)))
                .isEqualTo(
                        new AddTorrent(META, DIR, List.of(), Map.of(), false, true, false, Optional.empty(), 1000, 0));
        assertThat(base.with(b -> b.uploadLimit(2000)))
                .isEqualTo(
                        new AddTorrent(META, DIR, List.of(), Map.of(), false, true, false, Optional.empty(), 0, 2000));
        AddTorrent resumed = base.with(b -> b.resumeData(new byte[] {1, 2, 3}));
        assertThat(resumed.resumeData()).hasValueSatisfying(r -> assertThat(r).containsExactly(1, 2, 3));
        assertThat(resumed.with(b -> {}).resumeData())
                .hasValueSatisfying(r -> assertThat(r).containsExactly(1, 2, 3));
        assertThat(base).isEqualTo(AddTorrent.of(META, DIR)); // with() returns a copy
    }

    @Test
    void changesCombineAndLaterOnesKeepEarlierOnes() {
        AddTorrent a = AddTorrent.of(META, DIR)
                .with(b -> b.useTrackers(false).paused(true))
                .with(b -> b.downloadLimit(5).uploadLimit(6).sequential(true));

        assertThat(a.useTrackers()).isFalse();
        assertThat(a.paused()).isTrue();
        assertThat(a.sequential()).isTrue();
        assertThat(a.downloadLimit()).isEqualTo(5);
        assertThat(a.uploadLimit()).isEqualTo(6);
    }

    @Test
    void theBuiltRequestIsCheckedLikeAnyOther() {
        AddTorrent base = AddTorrent.of(META, DIR);

        assertThatThrownBy(() -> base.with(b -> b.filePriorities(Map.of(2, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no file 2");
        assertThatThrownBy(() -> base.with(b -> b.filePriorities(Map.of(0, 8))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in 0..7");
        assertThatThrownBy(() -> base.with(b -> b.downloadLimit(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.with(b -> b.uploadLimit(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddTorrent.of(META, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void laterChangesToTheCallersListOrArrayDoNotReachTheRequest() {
        List<InetSocketAddress> peers = new ArrayList<>(List.of(PEER));
        byte[] record = {1, 2, 3};
        AddTorrent a = AddTorrent.of(META, DIR).with(b -> b.peers(peers).resumeData(record));

        peers.clear();
        record[0] = 9;

        assertThat(a.peers()).containsExactly(PEER);
        assertThat(a.resumeData()).hasValueSatisfying(r -> assertThat(r).containsExactly(1, 2, 3));
    }
}
