package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A KRPC message of the mainline DHT (BEP 5): a query, a response or an error. Values only; the bencode form
 * lives in {@link KrpcCodec}. A response does not say which query it answers: only its transaction id does.
 */
public sealed interface KrpcMessage {

    TransactionId transactionId();

    /** A query ("y" = "q"): the sender's id plus the method's arguments. */
    sealed interface Query extends KrpcMessage {
        NodeId sender();

        /** The method name on the wire ("ping", "find_node", ...). */
        String method();
    }

    record Ping(TransactionId transactionId, NodeId sender) implements Query {
        @Override
        public String method() {
            return "ping";
        }
    }

    /**
     * Asks for the nodes closest to {@code target}; {@code want} (BEP 32) names the address families whose nodes
     * the sender wants back, empty for the default: the family the query arrived over.
     */
    record FindNode(TransactionId transactionId, NodeId sender, NodeId target, Set<AddressFamily> want)
            implements Query {
        public FindNode {
            want = Set.copyOf(want);
        }

        public FindNode(TransactionId transactionId, NodeId sender, NodeId target) {
            this(transactionId, sender, target, Set.of());
        }

        @Override
        public String method() {
            return "find_node";
        }
    }

    /** Asks for peers of {@code infoHash}, or the closest nodes; {@code want} as in {@link FindNode}. */
    record GetPeers(TransactionId transactionId, NodeId sender, InfoHash infoHash, Set<AddressFamily> want)
            implements Query {
        public GetPeers {
            want = Set.copyOf(want);
        }

        public GetPeers(TransactionId transactionId, NodeId sender, InfoHash infoHash) {
            this(transactionId, sender, infoHash, Set.of());
        }

        @Override
        public String method() {
            return "get_peers";
        }
    }

    /**
     * Tells the receiver that the sender downloads {@code infoHash} on {@code port}; with {@code impliedPort}
     * the port is instead the UDP source port (for peers behind NAT that use uTP on the DHT socket).
     */
    record AnnouncePeer(
            TransactionId transactionId, NodeId sender, InfoHash infoHash, int port, boolean impliedPort, Token token)
            implements Query {
        public AnnouncePeer {
            if (port < 0 || port > 0xffff) throw new IllegalArgumentException("port " + port);
        }

        @Override
        public String method() {
            return "announce_peer";
        }
    }

    /**
     * A response ("y" = "r"). Which fields are present depends on the query: {@code nodes} (IPv4 then IPv6)
     * for find_node and get_peers, {@code values} (peers) and {@code token} for get_peers.
     */
    record Response(
            TransactionId transactionId,
            NodeId sender,
            List<CompactNode> nodes,
            List<InetSocketAddress> values,
            Optional<Token> token)
            implements KrpcMessage {
        public Response {
            nodes = List.copyOf(nodes);
            values = List.copyOf(values);
        }

        /** A bare acknowledgement, the reply to ping and announce_peer. */
        public static Response ack(TransactionId transactionId, NodeId sender) {
            return new Response(transactionId, sender, List.of(), List.of(), Optional.empty());
        }
    }

    /** An error ("y" = "e"): BEP 5 codes 201 generic, 202 server, 203 protocol (e.g. bad token), 204 method unknown. */
    record ErrorReply(TransactionId transactionId, int code, String message) implements KrpcMessage {
        public static final int GENERIC = 201;
        public static final int SERVER = 202;
        public static final int PROTOCOL = 203;
        public static final int METHOD_UNKNOWN = 204;
    }
}
