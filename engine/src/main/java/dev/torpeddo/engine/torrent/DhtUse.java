package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.dht.DhtNode;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A public torrent's use of whichever DHT node the session runs now: the user can switch the DHT off and on
 * while torrents run, so the link to a node is made when one is there and dropped when it is gone (a new node
 * gets a fresh link, which announces at once).
 */
final class DhtUse {
    private final Supplier<Optional<DhtNode>> nodes;
    private final Function<DhtNode, DhtLink> linkTo;
    private DhtLink link;

    DhtUse(Supplier<Optional<DhtNode>> nodes, Function<DhtNode, DhtLink> linkTo) {
        this.nodes = nodes;
        this.linkTo = linkTo;
    }

    private synchronized DhtLink current() {
        DhtNode node = nodes.get().orElse(null);
        if (node == null) link = null;
        else if (link == null || link.node() != node) link = linkTo.apply(node);
        return link;
    }

    /** Called on every heartbeat of an active torrent. */
    void tick(boolean downloading) {
        DhtLink l = current();
        if (l != null) l.tick(downloading);
    }

    /** Announce and look up on the next heartbeat. */
    void forceNext() {
        DhtLink l = current();
        if (l != null) l.forceNext();
    }
}
