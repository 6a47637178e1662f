package dev.torpeddo.engine.metainfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Hostile bytes may only ever produce a {@link MetainfoException}; anything else escaping fails here. */
class MetainfoParserPropertyTest {

    private static final List<byte[]> SEEDS = seeds();

    private static List<byte[]> seeds() {
        try (Stream<Path> good = Files.list(Path.of(
                MetainfoParserPropertyTest.class.getResource("/torrents/good").toURI()))) {
            return good.sorted()
                    .map(p -> {
                        try {
                            return Files.readAllBytes(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the good corpus", e);
        }
    }

    private static void parseQuietly(byte[] data) {
        try {
            Metainfo m = MetainfoParser.parse(data);
            assertThat(m.pieceCount()).isPositive();
            assertThat(m.files())
                    .allSatisfy(f -> assertThat(f.path()).noneMatch(c -> c.equals("..") || c.contains("/")));
        } catch (MetainfoException e) {
            assertThat(e.reason()).isNotNull();
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 50_000)
    void randomBuffersOnlyFailWithMetainfoException(@ForAll("randomBuffers") byte[] data) {
        parseQuietly(data);
    }

    @Property(tries = 50_000)
    void mutatedValidTorrentsOnlyFailWithMetainfoException(@ForAll("mutations") byte[] data) {
        parseQuietly(data);
    }

    @Provide
    Arbitrary<byte[]> randomBuffers() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    /** A valid torrent with a few bytes overwritten, inserted or removed; most mutants stay near-valid. */
    @Provide
    Arbitrary<byte[]> mutations() {
        Arbitrary<Byte> interesting = Arbitraries.frequencyOf(
                Tuple.of(
                        3,
                        Arbitraries.of(
                                (byte) 'i',
                                (byte) 'e',
                                (byte) 'l',
                                (byte) 'd',
                                (byte) ':',
                                (byte) '-',
                                (byte) '.',
                                (byte) '/')),
                Tuple.of(3, Arbitraries.bytes().between((byte) '0', (byte) '9')),
                Tuple.of(2, Arbitraries.bytes()));
        Arbitrary<int[]> edit = Arbitraries.integers()
                .between(0, Integer.MAX_VALUE)
                .array(int[].class)
                .ofSize(2);
        return Arbitraries.of(SEEDS)
                .flatMap(seed -> edit.list()
                        .ofMinSize(1)
                        .ofMaxSize(4)
                        .flatMap(edits -> interesting
                                .list()
                                .ofSize(edits.size())
                                .map(bytes -> {
                                    byte[] out = seed;
                                    for (int k = 0; k < edits.size(); k++) out = apply(out, edits.get(k), bytes.get(k));
                                    return out;
                                })));
    }

    private static byte[] apply(byte[] in, int[] edit, byte b) {
        int at = edit[0] % (in.length + 1);
        return switch (edit[1] % 3) {
            case 0 -> { // overwrite
                if (at == in.length) yield in;
                byte[] out = in.clone();
                out[at] = b;
                yield out;
            }
            case 1 -> { // insert
                byte[] out = new byte[in.length + 1];
                System.arraycopy(in, 0, out, 0, at);
                out[at] = b;
                System.arraycopy(in, at, out, at + 1, in.length - at);
                yield out;
            }
            default -> { // delete
                if (at == in.length) yield in;
                byte[] out = Arrays.copyOf(in, in.length - 1);
                System.arraycopy(in, at + 1, out, at, in.length - at - 1);
                yield out;
            }
        };
    }
}
