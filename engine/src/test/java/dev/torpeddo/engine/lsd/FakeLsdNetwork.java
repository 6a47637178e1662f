package dev.torpeddo.engine.lsd;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An in-memory multicast group: whatever one member sends, every member receives, the sender included. */
final class FakeLsdNetwork {
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final LsdGroup group;

    FakeLsdNetwork() {
        this(LsdGroup.IPV4);
    }

    FakeLsdNetwork(LsdGroup group) {
        this.group = group;
    }

    /** Joins a host with the given address; its datagrams come from that address and port 6771. */
    Member join(String address) throws IOException {
        Member m = new Member(new InetSocketAddress(InetAddress.getByName(address), LsdGroup.PORT));
        members.add(m);
        return m;
    }

    final class Member implements LsdTransport {
        private final InetSocketAddress self;
        private final BlockingQueue<Datagram> inbox = new LinkedBlockingQueue<>(10_000);
        final List<byte[]> sent = new CopyOnWriteArrayList<>();
        private volatile boolean closed;

        private Member(InetSocketAddress self) {
            this.self = self;
        }

        @Override
        public LsdGroup group() {
            return group;
        }

        @Override
        public void send(byte[] message) throws IOException {
            if (closed) throw new ClosedChannelException();
            sent.add(message.clone());
            for (Member m : members) m.deliver(new Datagram(self, message.clone()));
        }

        /** Puts a datagram in this member's inbox only, with whatever source it names. */
        void deliver(Datagram datagram) {
            if (!closed) inbox.offer(datagram);
        }

        @Override
        public Optional<Datagram> receive(Duration timeout) throws IOException, InterruptedException {
            if (closed) throw new ClosedChannelException();
            return Optional.ofNullable(inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
        }

        @Override
        public void close() {
            closed = true;
            members.remove(this);
        }
    }
}
