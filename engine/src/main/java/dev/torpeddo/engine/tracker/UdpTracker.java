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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A UDP tracker (BEP 15). Each call connects if no fresh connection id is cached, then sends its request,
 * retransmitting per the {@link UdpRetryPolicy}. Replies with a wrong transaction id, a wrong action, a wrong
 * source or a short length are ignored, as they may be stale or forged; only the clock ends the wait.
 *
 * <p>A host name that resolves to both families is announced to over each (its first IPv4 and first IPv6
 * address, at once, each with its own connection id), as libtorrent announces over each of its listen sockets:
 * a UDP announce cannot name another address of ours (BEP 15's IP field is IPv4 only), so only announcing over
 * IPv6 puts our IPv6 address in the tracker's list, and an IPv6 tracker answers with 18-byte peer entries. The
 * peers of both answers are merged; the announce fails only when both fail. Scrapes ask the first address.
 */
public final class UdpTracker implements Tracker {
    /** BEP 15: a connection id may be used for one minute after it was received. */
    static final Duration CONNECTION_ID_LIFETIME = Duration.ofMinutes(1);

    private final URI uri;
    private final TrackerTransport transport;
    private final RandomGenerator random;

    /** Connection ids by tracker address (one per family), each with when it was received. Guarded by itself. */
    private final java.util.Map<InetSocketAddress, long[]> connectionIds = new java.util.HashMap<>();

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
        List<InetSocketAddress> targets = resolveEachFamily();
        if (targets.size() == 1) return announce(targets.getFirst(), request);
        // Both families at once: one that never answers must not hold up the other for the retries' minutes.
        AnnounceResponse[] answers = new AnnounceResponse[targets.size()];
        TrackerException[] failures = new TrackerException[targets.size()];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            int at = i;
            threads.add(transport.threads().startVirtual("udp-announce-" + targets.get(i), () -> {
                try {
                    answers[at] = announce(targets.get(at), request);
                } catch (TrackerException e) {
                    failures[at] = e;
                } catch (InterruptedException e) {
                    failures[at] = new TrackerException(uri, "interrupted");
                } catch (RuntimeException e) {
                    failures[at] = new TrackerException(uri, "UDP error: " + e, e);
                }
            }));
        }
        try {
            for (Thread t : threads) t.join();
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            throw e;
        }
        return merge(java.util.Arrays.asList(answers), java.util.Arrays.asList(failures));
    }

    /**
     * The first answer with the peers of every answer (null entries: that family failed); the first failure
     * when none answered.
     */
    static AnnounceResponse merge(List<AnnounceResponse> answers, List<TrackerException> failures)
            throws TrackerException {
        AnnounceResponse first = null;
        java.util.Set<InetSocketAddress> peers = new java.util.LinkedHashSet<>();
        for (AnnounceResponse r : answers) {
            if (r == null) continue;
            if (first == null) first = r;
            peers.addAll(r.peers());
        }
        if (first == null) {
            for (TrackerException e : failures) if (e != null) throw e;
            throw new IllegalArgumentException("neither an answer nor a failure");
        }
        return new AnnounceResponse(
                first.interval(),
                first.minInterval(),
                List.copyOf(peers),
                first.seeders(),
                first.leechers(),
                first.warningMessage(),
                first.trackerId());
    }

    private AnnounceResponse announce(InetSocketAddress target, AnnounceRequest request)
            throws TrackerException, InterruptedException {
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
        } catch (java.nio.channels.UnsupportedAddressTypeException e) {
            // An IPv4-only UDP port (bound to an IPv4 address) cannot reach this family of the tracker.
            throw new TrackerException(uri, "UDP port cannot send to " + target, e);
        }
    }

    @Override
    public ScrapeResponse scrape(InfoHash infoHash) throws TrackerException, InterruptedException {
        InetSocketAddress target = resolveEachFamily().getFirst();
        try (UdpEndpoint endpoint = open()) {
            byte[] reply = exchange(
                    endpoint,
                    target,
                    UdpPackets.SCRAPE,
                    (connection, tid) -> UdpPackets.scrape(connection, tid, infoHash));
            return UdpPackets.scrapeReply(reply);
        } catch (IOException e) {
            throw new TrackerException(uri, "UDP error: " + e.getMessage(), e);
        } catch (java.nio.channels.UnsupportedAddressTypeException e) {
            // An IPv4-only UDP port (bound to an IPv4 address) cannot reach this family of the tracker.
            throw new TrackerException(uri, "UDP port cannot send to " + target, e);
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
        synchronized (connectionIds) {
            long[] cached = connectionIds.get(target);
            if (cached != null && transport.clock().nanoTime() - cached[1] < CONNECTION_ID_LIFETIME.toNanos())
                return cached[0];
        }
        byte[] reply = exchange(endpoint, target, UdpPackets.CONNECT, (ignored, tid) -> UdpPackets.connect(tid));
        long id = UdpPackets.connectionId(reply);
        synchronized (connectionIds) {
            connectionIds.put(target, new long[] {id, transport.clock().nanoTime()});
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

    private List<InetSocketAddress> resolveEachFamily() throws TrackerException {
        try {
            return eachFamily(InetAddress.getAllByName(uri.getHost()), uri.getPort());
        } catch (UnknownHostException e) {
            throw new TrackerException(uri, "cannot resolve host " + uri.getHost(), e);
        }
    }

    /** The first IPv4 and the first IPv6 address, in the resolver's order; just one when the host has one. */
    static List<InetSocketAddress> eachFamily(InetAddress[] resolved, int port) {
        List<InetSocketAddress> out = new ArrayList<>(2);
        boolean v4 = false;
        boolean v6 = false;
        for (InetAddress a : resolved) {
            boolean isV6 = a instanceof Inet6Address;
            if (isV6 ? v6 : v4) continue;
            if (isV6) v6 = true;
            else v4 = true;
            out.add(new InetSocketAddress(a, port));
        }
        return out;
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
