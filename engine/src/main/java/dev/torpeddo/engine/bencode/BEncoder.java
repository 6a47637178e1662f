package dev.torpeddo.engine.bencode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes canonical bencode: dictionary keys sorted as unsigned bytes, integers without leading zeros. Canonical
 * input therefore round-trips byte for byte. Iterative, so even very deep hand-built values cannot overflow
 * the stack.
 */
public final class BEncoder {

    private BEncoder() {}

    public static byte[] encode(BValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deque<Iterator<BValue>> open = new ArrayDeque<>();
        write(value, out, open);
        while (!open.isEmpty()) {
            Iterator<BValue> it = open.peek();
            if (it.hasNext()) {
                write(it.next(), out, open);
            } else {
                open.pop();
                out.write('e');
            }
        }
        return out.toByteArray();
    }

    /** Writes a scalar whole, or the opening of a container whose children are pushed for the caller's loop. */
    private static void write(BValue value, ByteArrayOutputStream out, Deque<Iterator<BValue>> open) {
        switch (value) {
            case BInt i -> out.writeBytes(("i" + i.value() + "e").getBytes(StandardCharsets.US_ASCII));
            case BBytes b -> {
                out.writeBytes((b.length() + ":").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(b.bytes());
            }
            case BList l -> {
                out.write('l');
                open.push(l.items().iterator());
            }
            case BDict d -> {
                out.write('d');
                List<Map.Entry<BBytes, BValue>> sorted =
                        new ArrayList<>(d.entries().entrySet());
                sorted.sort(Map.Entry.comparingByKey());
                List<BValue> flat = new ArrayList<>(2 * sorted.size());
                for (Map.Entry<BBytes, BValue> e : sorted) {
                    flat.add(e.getKey());
                    flat.add(e.getValue());
                }
                open.push(flat.iterator());
            }
        }
    }
}
