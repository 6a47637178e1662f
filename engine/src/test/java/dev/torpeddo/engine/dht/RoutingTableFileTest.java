package dev.torpeddo.engine.dht;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingTableFileTest {
    @TempDir
    Path dir;

    @Test
    void savedIdAndNodesComeBack() throws Exception {
        RoutingTableFile file = new RoutingTableFile(dir.resolve("sub/dht.dat"));
        NodeId id = NodeId.random();
        List<CompactNode> nodes = List.of(
                new CompactNode(NodeId.random(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 6881)),
                new CompactNode(NodeId.random(), new InetSocketAddress("2001:db8::7", 6882)));
        file.save(id, nodes);

        assertThat(file.load()).contains(new RoutingTableFile.Saved(id, nodes));
        try (var files = Files.list(file.path().getParent())) {
            assertThat(files).containsExactly(file.path()); // no temporary file left behind
        }
    }

    @Test
    void aMissingFileIsAnEmptyStart() {
        assertThat(new RoutingTableFile(dir.resolve("none")).load()).isEmpty();
    }

    @Test
    void corruptFilesAreAnEmptyStart() throws Exception {
        Path path = dir.resolve("dht.dat");
        RoutingTableFile file = new RoutingTableFile(path);
        for (String content : List.of(
                "",
                "garbage",
                "d2:id3:abce",
                "d2:id20:aaaaaaaaaaaaaaaaaaaa5:nodesl3:abcee",
                "d2:id20:aaaaaaaaaaaaaaaaaaaa5:nodesli1eee",
                "le")) {
            Files.writeString(path, content);
            assertThat(file.load()).as(content).isEmpty();
        }
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            byte[] noise = new byte[random.nextInt(200)];
            random.nextBytes(noise);
            Files.write(path, noise);
            assertThat(file.load()).isEmpty();
        }
    }

    @Test
    void aFileWithMoreThanMaxNodesIsRefused() throws Exception {
        // The decoder's token limit leaves room for a few more than MAX_NODES; save() never writes them.
        Path path = dir.resolve("dht.dat");
        StringBuilder file = new StringBuilder("d2:id20:" + "i".repeat(20) + "5:nodesl");
        for (int i = 0; i <= RoutingTableFile.MAX_NODES; i++)
            file.append("26:").append("n".repeat(20)).append("\u007f\0\0\1\u001a\u00e1");
        Files.write(path, (file + "ee").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(new RoutingTableFile(path).load().map(s -> s.nodes().size())).isEmpty();
    }

    @Test
    void aHugeFileIsNotRead() throws Exception {
        Path path = dir.resolve("dht.dat");
        Files.write(path, new byte[10 << 20]);
        assertThat(new RoutingTableFile(path).load()).isEmpty();
    }
}
