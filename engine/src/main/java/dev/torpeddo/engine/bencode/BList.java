package dev.torpeddo.engine.bencode;

import java.util.List;

/** A bencoded list ({@code l...e}). */
public record BList(List<BValue> items) implements BValue {

    public BList {
        items = List.copyOf(items);
    }

    public static BList of(BValue... items) {
        return new BList(List.of(items));
    }

    public int size() {
        return items.size();
    }

    public BValue get(int index) {
        return items.get(index);
    }
}
