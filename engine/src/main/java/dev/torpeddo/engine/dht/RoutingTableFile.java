package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.bencode.BBytes;
import dev.torpeddo.engine.bencode.BDecoder;
import dev.torpeddo.engine.bencode.BDict;
import dev.torpeddo.engine.bencode.BEncoder;
import dev.torpeddo.engine.bencode.BList;
import dev.torpeddo.engine.bencode.BValue;
import dev.torpeddo.engine.bencode.BencodeException;
import dev.torpeddo.engine.bencode.BencodeLimits;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a node's id and routing table across restarts, so it rejoins the DHT without bootstrap routers and
 * under the same id. The file is a bencoded dictionary: {@code id} (20 bytes) and {@code nodes}, a list of
 * compact node infos (26 bytes for IPv4, 38 for IPv6). A missing, corrupt or oversized file reads as empty.
 */
public final class RoutingTableFile {
    /** Far more than a full table (160 buckets of 8), so that a hand-edited file cannot make us hoard. */
    public static final int MAX_NODES = 2 * NodeId.BITS * RoutingTable.K;

    private static final System.Logger LOG = System.getLogger(RoutingTableFile.class.getName());
    private static final BDecoder DECODER =
            new BDecoder(new BencodeLimits(3, MAX_NODES + 8, 64, (MAX_NODES + 8) * (CompactNode.IPV6_LENGTH + 3) + 64));

    /** What a file held. */
    public record Saved(NodeId id, List<CompactNode> nodes) {
        public Saved {
            nodes = List.copyOf(nodes);
        }
    }

    private final Path path;

    public RoutingTableFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Writes the state to a temporary file first and renames it, so a crash never leaves half a file. */
    public void save(NodeId id, List<CompactNode> nodes) throws IOException {
        List<BValue> list = new ArrayList<>();
        for (CompactNode n : nodes.subList(0, Math.min(nodes.size(), MAX_NODES))) list.add(new BBytes(n.encode()));
        byte[] data = BEncoder.encode(BDict.builder()
                .put("id", id.bytes())
                .put("nodes", new BList(list))
                .build());
        Path parent = path.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, path.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, data);
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The saved state, or empty if there is none or it cannot be read (which is logged, never thrown). */
    public Optional<Saved> load() {
        byte[] data;
        try {
            if (Files.size(path) > DECODER.limits().maxInputLength()) {
                LOG.log(System.Logger.Level.WARNING, "DHT state file {0} is too large; starting afresh", path);
                return Optional.empty();
            }
            data = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "cannot read DHT state file {0}: {1}; starting afresh",
                    path,
                    e.toString());
            return Optional.empty();
        }
        try {
            return Optional.of(parse(data));
        } catch (BencodeException | KrpcException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "corrupt DHT state file {0}: {1}; starting afresh",
                    path,
                    e.getMessage());
            return Optional.empty();
        }
    }

    private static Saved parse(byte[] data) throws BencodeException, KrpcException {
        if (!(DECODER.decode(data) instanceof BDict top)) throw new KrpcException("not a dictionary");
        BBytes id = top.getBytes("id").orElseThrow(() -> new KrpcException("no node id"));
        if (id.length() != NodeId.LENGTH) throw new KrpcException("node id of " + id.length() + " bytes");
        BList list = top.getList("nodes").orElse(BList.of());
        // The decoder's token limit leaves room for a few more; save() never writes them.
        if (list.size() > MAX_NODES) throw new KrpcException(list.size() + " nodes, more than " + MAX_NODES);
        List<CompactNode> nodes = new ArrayList<>();
        for (BValue v : list.items()) {
            if (!(v instanceof BBytes b)) throw new KrpcException("a node is " + v.typeName());
            nodes.addAll(
                    switch (b.length()) {
                        case CompactNode.IPV4_LENGTH -> CompactNode.decodeIpv4(b.bytes());
                        case CompactNode.IPV6_LENGTH -> CompactNode.decodeIpv6(b.bytes());
                        default -> throw new KrpcException("a node of " + b.length() + " bytes");
                    });
        }
        return new Saved(new NodeId(id.bytes()), nodes);
    }
}
