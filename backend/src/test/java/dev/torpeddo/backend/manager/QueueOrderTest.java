package dev.torpeddo.backend.manager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueOrderTest {
    private static List<ManagedTorrent> queue(String... names) {
        List<ManagedTorrent> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            byte[] hash = new byte[20];
            hash[19] = (byte) i;
            ManagedTorrent t = new ManagedTorrent(new InfoHash(hash));
            t.name = names[i];
            t.queuePosition = i * 10L; // gaps, as after removals
            out.add(t);
        }
        return out;
    }

    private static List<String> order(List<ManagedTorrent> all) {
        return all.stream()
                .sorted(Comparator.comparingLong(t -> t.queuePosition))
                .map(t -> t.name)
                .toList();
    }

    private static List<ManagedTorrent> pick(List<ManagedTorrent> all, String... names) {
        return all.stream().filter(t -> List.of(names).contains(t.name)).toList();
    }

    @Test
    void upAndDownMoveOneStepAndKeepTheChosenInTheirOrder() {
        var all = queue("a", "b", "c", "d", "e");
        QueueOrder.move(all, pick(all, "c", "d"), QueueMove.UP);
        assertThat(order(all)).containsExactly("a", "c", "d", "b", "e");
        QueueOrder.move(all, pick(all, "a", "b"), QueueMove.DOWN);
        assertThat(order(all)).containsExactly("c", "a", "d", "e", "b");
        QueueOrder.move(all, pick(all, "c"), QueueMove.UP); // already first: stays
        assertThat(order(all)).containsExactly("c", "a", "d", "e", "b");
    }

    @Test
    void topAndBottomMoveAllTheChosenTogether() {
        var all = queue("a", "b", "c", "d", "e");
        QueueOrder.move(all, pick(all, "b", "d"), QueueMove.TOP);
        assertThat(order(all)).containsExactly("b", "d", "a", "c", "e");
        QueueOrder.move(all, pick(all, "b", "a"), QueueMove.BOTTOM);
        assertThat(order(all)).containsExactly("d", "c", "e", "b", "a");
        assertThat(all.stream().map(t -> t.queuePosition).sorted().toList()).containsExactly(0L, 1L, 2L, 3L, 4L);
    }
}
