package dev.torpeddo.engine.tracker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes bencode for the fake trackers in tests: maps (keys sorted), lists, strings, byte arrays, numbers. */
final class TestBencode {
    private TestBencode() {}

    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(value, out);
        return out.toByteArray();
    }

    private static void write(Object value, ByteArrayOutputStream out) {
        switch (value) {
            case Integer i -> out.writeBytes(("i" + i + "e").getBytes(StandardCharsets.US_ASCII));
            case Long l -> out.writeBytes(("i" + l + "e").getBytes(StandardCharsets.US_ASCII));
            case String s -> write(s.getBytes(StandardCharsets.UTF_8), out);
            case byte[] b -> {
                out.writeBytes((b.length + ":").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(b);
            }
            case List<?> list -> {
                out.write('l');
                list.forEach(v -> write(v, out));
                out.write('e');
            }
            case Map<?, ?> map -> {
                out.write('d');
                new TreeMap<>(map).forEach((k, v) -> {
                    write(k, out);
                    write(v, out);
                });
                out.write('e');
            }
            default -> throw new IllegalArgumentException("cannot bencode " + value);
        }
    }
}
