package dev.torpeddo.backend.manager;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Moves torrents in the queue and numbers it again 0..n-1, keeping the chosen ones in their relative order. */
final class QueueOrder {
    private QueueOrder() {}

    static void move(List<ManagedTorrent> all, List<ManagedTorrent> chosen, QueueMove move) {
        all.sort(Comparator.comparingLong(t -> t.queuePosition));
        Set<ManagedTorrent> picked = new HashSet<>(chosen);
        List<ManagedTorrent> order = new ArrayList<>(all);
        switch (move) {
            case TOP, BOTTOM -> {
                List<ManagedTorrent> moved =
                        order.stream().filter(picked::contains).toList();
                order.removeAll(picked);
                if (move == QueueMove.TOP) order.addAll(0, moved);
                else order.addAll(moved);
            }
            case UP -> {
                for (int i = 1; i < order.size(); i++) {
                    if (picked.contains(order.get(i)) && !picked.contains(order.get(i - 1))) swap(order, i, i - 1);
                }
            }
            case DOWN -> {
                for (int i = order.size() - 2; i >= 0; i--) {
                    if (picked.contains(order.get(i)) && !picked.contains(order.get(i + 1))) swap(order, i, i + 1);
                }
            }
        }
        for (int i = 0; i < order.size(); i++) {
            ManagedTorrent t = order.get(i);
            if (t.queuePosition != i) {
                t.queuePosition = i;
                t.choicesDirty = true;
            }
        }
    }

    private static void swap(List<ManagedTorrent> order, int a, int b) {
        ManagedTorrent t = order.get(a);
        order.set(a, order.get(b));
        order.set(b, t);
    }
}
