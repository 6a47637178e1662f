package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.internal.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One address family's half of a dual-stack node (BEP 32): its own routing table, holding only nodes of that
 * family, and the verifier that pings its questionable nodes. IPv4 and IPv6 nodes never share a table, since a
 * node reachable over one family may not be over the other, and each family's lookups walk its own table.
 */
record FamilyTable(AddressFamily family, RoutingTable table, NodeVerifier verifier) {

    static FamilyTable of(
            AddressFamily family, NodeId self, Clock clock, Duration queryTimeout, Consumer<CompactNode> ping) {
        RoutingTable table = new RoutingTable(self, clock);
        return new FamilyTable(family, table, new NodeVerifier(table, clock, queryTimeout, ping));
    }
}
