package dev.torpeddo.engine.dht;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Answers the four BEP 5 queries from our routing table, token manager and peer store. Pure: rate limiting and
 * sending are the node's business.
 */
final class QueryResponder {
    private final NodeId self;
    private final RoutingTable table;
    private final TokenManager tokens;
    private final PeerStore peers;

    QueryResponder(NodeId self, RoutingTable table, TokenManager tokens, PeerStore peers) {
        this.self = self;
        this.table = table;
        this.tokens = tokens;
        this.peers = peers;
    }

    KrpcMessage answer(KrpcMessage.Query query, InetSocketAddress source) {
        return switch (query) {
            case KrpcMessage.Ping p -> KrpcMessage.Response.ack(p.transactionId(), self);
            case KrpcMessage.FindNode f ->
                new KrpcMessage.Response(
                        f.transactionId(), self, nodesFor(f.target(), source), List.of(), Optional.empty());
            case KrpcMessage.GetPeers g -> {
                List<InetSocketAddress> values = peers.peers(g.infoHash(), PeerStore.MAX_VALUES).stream()
                        .filter(peer -> sameFamily(peer, source))
                        .toList();
                // BEP 5: peers if we know any, otherwise the closest nodes to carry the search on.
                List<CompactNode> nodes = values.isEmpty() ? nodesFor(NodeId.of(g.infoHash()), source) : List.of();
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

    /** The K closest nodes, of the querier's address family only: the other kind would go in "nodes6"/"want". */
    private List<CompactNode> nodesFor(NodeId target, InetSocketAddress source) {
        return table.closest(target, RoutingTable.K * 2).stream()
                .filter(n -> sameFamily(n.address(), source))
                .limit(RoutingTable.K)
                .toList();
    }

    private static boolean sameFamily(InetSocketAddress a, InetSocketAddress b) {
        return (a.getAddress() instanceof Inet4Address) == (b.getAddress() instanceof Inet4Address);
    }
}
