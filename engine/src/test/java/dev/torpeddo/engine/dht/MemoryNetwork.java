package dev.torpeddo.engine.dht;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link DatagramPort}s in memory, for DHT nodes driven by a test on a manual clock: a datagram waits in a queue
 * until the test delivers it, on the test's own thread, so every run takes the same path. A datagram to an
 * address no port holds vanishes, as one to a host that has gone away.
 */
final class MemoryNetwork {
    record Datagram(byte[] data, InetSocketAddress from, InetSocketAddress to) {
        KrpcMessage decode() {
            try {
                return KrpcCodec.decode(data);
            } catch (KrpcException e) {
                throw new AssertionError("a node sent a packet it cannot read itself", e);
            }
        }
    }

    /** A safeguard against a test looping forever, not a limit anything should reach. */
    private static final int MAX_DELIVERIES = 1_000_000;

    private final Map<InetSocketAddress, DatagramPort.Receiver> receivers = new HashMap<>();
    private final Deque<Datagram> queue = new ArrayDeque<>();
    private final List<Datagram> sent = new ArrayList<>();

    /** A port at {@code address}; it receives once its node has started. */
    synchronized DatagramPort port(InetSocketAddress address) {
        return new DatagramPort() {
            @Override
            public void send(byte[] packet, InetSocketAddress target) {
                synchronized (MemoryNetwork.this) {
                    Datagram d = new Datagram(packet.clone(), address, target);
                    queue.add(d);
                    sent.add(d);
                }
            }

            @Override
            public void start(Receiver receiver) {
                synchronized (MemoryNetwork.this) {
                    receivers.put(address, receiver);
                }
            }

            @Override
            public InetSocketAddress localAddress() {
                return address;
            }

            @Override
            public void close() {
                synchronized (MemoryNetwork.this) {
                    receivers.remove(address);
                }
            }
        };
    }

    /**
     * A dual-stack port (BEP 32) reached at {@code v4} and at {@code v6}: a datagram leaves from the address of
     * its target's family, as from a host's IPv4 and IPv6 addresses.
     */
    synchronized DatagramPort dualPort(InetSocketAddress v4, InetSocketAddress v6) {
        return new DatagramPort() {
            @Override
            public void send(byte[] packet, InetSocketAddress target) {
                InetSocketAddress from = AddressFamily.of(target) == AddressFamily.IPV4 ? v4 : v6;
                synchronized (MemoryNetwork.this) {
                    Datagram d = new Datagram(packet.clone(), from, target);
                    queue.add(d);
                    sent.add(d);
                }
            }

            @Override
            public void start(Receiver receiver) {
                synchronized (MemoryNetwork.this) {
                    receivers.put(v4, receiver);
                    receivers.put(v6, receiver);
                }
            }

            @Override
            public InetSocketAddress localAddress() {
                return v4;
            }

            @Override
            public java.util.Set<AddressFamily> families() {
                return java.util.EnumSet.allOf(AddressFamily.class);
            }

            @Override
            public void close() {
                synchronized (MemoryNetwork.this) {
                    receivers.remove(v4);
                    receivers.remove(v6);
                }
            }
        };
    }

    /** Delivers what is queued, and whatever that makes the nodes send, until nothing is left. */
    void deliverAll() {
        for (int i = 0; i < MAX_DELIVERIES; i++) {
            Datagram d;
            DatagramPort.Receiver to;
            synchronized (this) {
                d = queue.poll();
                if (d == null) return;
                to = receivers.get(d.to());
            }
            if (to != null) to.received(d.data(), d.from());
        }
        throw new AssertionError("the nodes kept talking for " + MAX_DELIVERIES + " datagrams");
    }

    /** Everything sent so far, delivered or not. */
    synchronized List<Datagram> sent() {
        return List.copyOf(sent);
    }
}
