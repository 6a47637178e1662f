package dev.torpeddo.engine.dht;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** DHT nodes on 127.0.0.1 that bootstrap from the first one. */
final class TestSwarm implements AutoCloseable {
    /** Every test node shares 127.0.0.1, so the per-IP limit must not throttle the swarm itself. */
    static final RateLimits LOOPBACK_LIMITS = new RateLimits(100_000, Duration.ofSeconds(5), 1000, 100_000);

    final List<DhtNode> nodes = new ArrayList<>();

    static DhtConfig config() {
        return DhtConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .withRateLimits(LOOPBACK_LIMITS)
                .withQueryTimeout(Duration.ofSeconds(1));
    }

    /** Starts {@code count} nodes one after the other, each bootstrapping from the first. */
    static TestSwarm start(int count) throws Exception {
        TestSwarm swarm = new TestSwarm();
        try {
            DhtNode first = new DhtNode(config());
            first.start();
            swarm.nodes.add(first);
            for (int i = 1; i < count; i++) swarm.join(config());
        } catch (Exception e) {
            swarm.close();
            throw e;
        }
        return swarm;
    }

    DhtNode join(DhtConfig config) throws Exception {
        DhtNode node = new DhtNode(config.withBootstrap(List.of(nodes.getFirst().localAddress())));
        nodes.add(node);
        node.start();
        node.bootstrap().get();
        return node;
    }

    DhtNode joinWithState(Path stateFile) throws Exception {
        return join(config().withStateFile(stateFile));
    }

    @Override
    public void close() {
        nodes.forEach(DhtNode::close);
    }
}
