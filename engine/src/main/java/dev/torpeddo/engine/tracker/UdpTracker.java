package dev.torpeddo.engine.tracker;

import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.net.UdpEndpoint;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A UDP tracker (BEP 15). Each call connects if no fresh connection id is cached, then sends its request,
 * retransmitting per the {@link UdpRetryPolicy}. Replies with a wrong transaction id, a wrong action, a wrong
 * source or a short length are ignored, as they may be stale or forged; only the clock ends the wait.
 */
public final class UdpTracker implements Tracker {
    /** BEP 15: a connection id may be used for one minute after it was received. */
    static final Duration CONNECTION_ID_LIFETIME = Duration.ofMinutes(1);

    private final URI uri;
    private final TrackerTransport transport;
    private final RandomGenerator random;

    private final Object connectionLock = new Object();
    private long connectionId;
    private long connectionIdReceivedAt;
    private boolean haveConnectionId;

    UdpTracker(URI uri, TrackerTransport transport) throws TrackerException {
        if (uri.getPort() < 1 || uri.getPort() > 65535) throw new TrackerException(uri, "no port in URL");
        this.uri = uri;
        this.transport = transport;
        this.random = transport.random().secure("udp tracker transaction ids");
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public AnnounceResponse announce(AnnounceRequest request) throws TrackerException, InterruptedException {
        InetSocketAddress target = resolve();
        try (UdpEndpoint endpoint = open()) {
            byte[] reply = exchange(
                    endpoint,
                    target,
                    UdpPackets.ANNOUNCE,
                    (connection, tid) -> UdpPackets.announce(connection, tid, request));
            try {
                return UdpPackets.announceReply(reply, target.getAddress() instanceof Inet6Address);
            } catch (ResponseProblem p) {
                throw p.toTrackerException(uri);
            }
        } catch (IOException e) {
            throw new TrackerException(uri, "UDP error: " + e.getMessage(), e);
        }
    }

    @Override
    public ScrapeResponse scrape(InfoHash infoHash) throws TrackerException, InterruptedException {
        InetSocketAddress target = resolve();
        try (UdpEndpoint endpoint = open()) {
            byte[] reply = exchange(
                    endpoint,
                    target,
                    UdpPackets.SCRAPE,
                    (connection, tid) -> UdpPackets.scrape(connection, tid, infoHash));
            return UdpPackets.scrapeReply(reply);
        } catch (IOException e) {
            throw new TrackerException(uri, "UDP error: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean canScrape() {
        return true; // BEP 15 has a scrape action for every tracker
    }

    /** Builds a request from a connection id and a transaction id. */
    @FunctionalInterface
    private interface RequestBuilder {
        ByteBuffer build(long connectionId, int transactionId);
    }

    /**
     * Sends a request and waits for its reply, retransmitting on timeout. The connection id is checked before
     * every attempt, because the waits can outlast its lifetime.
     */
    private byte[] exchange(UdpEndpoint endpoint, InetSocketAddress target, int action, RequestBuilder builder)
            throws TrackerException, InterruptedException, IOException {
        UdpRetryPolicy retry = transport.udpRetry();
        for (int attempt = 0; attempt < retry.maxAttempts(); attempt++) {
            long connection = action == UdpPackets.CONNECT ? UdpPackets.PROTOCOL_ID : connectionId(endpoint, target);
            int tid = random.nextInt();
            endpoint.send(builder.build(connection, tid), target);
            Optional<byte[]> reply = awaitReply(endpoint, target, tid, action, retry.timeout(attempt));
            if (reply.isPresent()) return reply.get();
        }
        throw new TrackerException(uri, "timed out after " + retry.maxAttempts() + " attempts");
    }

    private long connectionId(UdpEndpoint endpoint, InetSocketAddress target)
            throws TrackerException, InterruptedException, IOException {
        synchronized (connectionLock) {
            long age = transport.clock().nanoTime() - connectionIdReceivedAt;
            if (haveConnectionId && age < CONNECTION_ID_LIFETIME.toNanos()) return connectionId;
        }
        byte[] reply = exchange(endpoint, target, UdpPackets.CONNECT, (ignored, tid) -> UdpPackets.connect(tid));
        long id = UdpPackets.connectionId(reply);
        synchronized (connectionLock) {
            connectionId = id;
            connectionIdReceivedAt = transport.clock().nanoTime();
            haveConnectionId = true;
        }
        return id;
    }

    private Optional<byte[]> awaitReply(
            UdpEndpoint endpoint, InetSocketAddress target, int tid, int action, Duration timeout)
            throws TrackerException, InterruptedException, IOException {
        long deadline = transport.clock().nanoTime() + timeout.toNanos();
        while (true) {
            long remaining = deadline - transport.clock().nanoTime();
            if (remaining <= 0) return Optional.empty();
            Optional<UdpEndpoint.Datagram> received = endpoint.receive(Duration.ofNanos(remaining));
            if (received.isEmpty()) return Optional.empty();
            if (!received.get().source().equals(target)) continue;
            switch (UdpPackets.classify(received.get().data(), tid, action)) {
                case UdpPackets.Reply.Unrelated() -> {}
                case UdpPackets.Reply.Refused(String message) ->
                    throw new TrackerException(uri, "failure reason: " + message);
                case UdpPackets.Reply.Answer(byte[] data) -> {
                    return Optional.of(data);
                }
            }
        }
    }

    private InetSocketAddress resolve() throws TrackerException {
        try {
            return new InetSocketAddress(InetAddress.getByName(uri.getHost()), uri.getPort());
        } catch (UnknownHostException e) {
            throw new TrackerException(uri, "cannot resolve host " + uri.getHost(), e);
        }
    }

    private UdpEndpoint open() throws TrackerException {
        try {
            return transport.udp().open();
        } catch (IOException e) {
            throw new TrackerException(uri, "cannot open a UDP socket: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
