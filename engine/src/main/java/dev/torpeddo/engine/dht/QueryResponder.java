package dev.torpeddo.engine.dht;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers the four BEP 5 queries from our routing tables (one per address family, BEP 32), token manager and
 * peer store. Pure: rate limiting and sending are the node's business.
 */
final class QueryResponder {
    private final NodeId self;
    private final Function<AddressFamily, RoutingTable> tables;
    private final Supplier<Set<AddressFamily>> families;
    private final TokenManager tokens;
    private final PeerStore peers;

    /**
     * @param tables each family's routing table
     * @param families the families we take part in: nodes of another family are never offered
     */
    QueryResponder(
            NodeId self,
            Function<AddressFamily, RoutingTable> tables,
            Supplier<Set<AddressFamily>> families,
            TokenManager tokens,
            PeerStore peers) {
        this.self = self;
        this.tables = tables;
        this.families = families;
        this.tokens = tokens;
        this.peers = peers;
    }

    /** An IPv4-only responder over one table, for tests. */
    QueryResponder(NodeId self, RoutingTable table, TokenManager tokens, PeerStore peers) {
        this(self, f -> table, () -> Set.of(AddressFamily.IPV4), tokens, peers);
    }

    KrpcMessage answer(KrpcMessage.Query query, InetSocketAddress source) {
        return switch (query) {
            case KrpcMessage.Ping p -> KrpcMessage.Response.ack(p.transactionId(), self);
            case KrpcMessage.FindNode f ->
                new KrpcMessage.Response(
                        f.transactionId(), self, nodesFor(f.target(), source, f.want()), List.of(), Optional.empty());
            case KrpcMessage.GetPeers g -> {
                List<InetSocketAddress> values = peers.peers(g.infoHash(), PeerStore.MAX_VALUES).stream()
                        .filter(peer -> sameFamily(peer, source))
                        .toList();
                // BEP 5: peers if we know any, otherwise the closest nodes to carry the search on. Peers of the
                // asker's family only: the other family's addresses may be unreachable for it (BEP 32).
                List<CompactNode> nodes =
                        values.isEmpty() ? nodesFor(NodeId.of(g.infoHash()), source, g.want()) : List.of();
                yield new KrpcMessage.Response(
                        g.transactionId(), self, nodes, values, Optional.of(tokens.tokenFor(source.getAddress())));
            }
            case KrpcMessage.AnnouncePeer a -> {
                if (!tokens.isValid(a.token(), source.getAddress())) {
                    yield new KrpcMessage.ErrorReply(a.transactionId(), KrpcMessage.ErrorReply.PROTOCOL, "bad token");
                }
                int port = a.impliedPort() ? source.getPort() : a.port();
                if (port == 0)
                    yield new KrpcMessage.ErrorReply(a.transactionId(), KrpcMessage.ErrorReply.PROTOCOL, "bad port");
                peers.announce(a.infoHash(), new InetSocketAddress(source.getAddress(), port));
                yield KrpcMessage.Response.ack(a.transactionId(), self);
            }
        };
    }

    /**
     * The K closest nodes of each family the query wants (BEP 32 "want"), or without one of the family it
     * arrived over; IPv4 ones first. The codec puts them in "nodes" and "nodes6".
     */
    private List<CompactNode> nodesFor(NodeId target, InetSocketAddress source, Set<AddressFamily> want) {
        Set<AddressFamily> asked = want.isEmpty() ? Set.of(AddressFamily.of(source)) : want;
        Set<AddressFamily> ours = families.get();
        List<CompactNode> nodes = new ArrayList<>();
        for (AddressFamily f : AddressFamily.values()) {
            if (asked.contains(f) && ours.contains(f))
                nodes.addAll(tables.apply(f).closest(target, RoutingTable.K));
        }
        return nodes;
    }

    private static boolean sameFamily(InetSocketAddress a, InetSocketAddress b) {
        return AddressFamily.of(a) == AddressFamily.of(b);
    }
}
