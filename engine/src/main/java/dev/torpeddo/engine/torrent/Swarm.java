package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.api.PeerSource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The addresses a torrent knows (from trackers and the user) and what happened when it tried them: who is
 * connected, who failed and when to retry, who is banned. Bounded, so a tracker cannot make it grow without
 * limit. Not thread-safe: guarded by the torrent's lock.
 */
final class Swarm {
    static final int MAX_CANDIDATES = 2000;
    private static final long RETRY_BASE_NANOS = 15_000_000_000L;
    private static final int MAX_FAILURES = 6;

    private static final class Candidate {
        final PeerSource source;
        int failures;
        long nextAttemptNanos = Long.MIN_VALUE; // nanoTime may be negative: "due at once" must be below it
        boolean busy; // connecting or connected
        boolean dead; // ourselves, or failed too often

        Candidate(PeerSource source) {
            this.source = source;
        }
    }

    private final Map<InetSocketAddress, Candidate> candidates = new LinkedHashMap<>();
    // Bans are per IP, as in other clients. On loopback every peer shares 127.0.0.1 (local tests, several
    // clients on one machine), so there the ban is per address and peer id instead.
    private final Set<String> banned = new HashSet<>();
    private final Map<String, Integer> strikes = new HashMap<>();

    /** Remembers an address and where it came from (the first source that named it). */
    void add(InetSocketAddress address, PeerSource source) {
        address = canonical(address);
        if (address.getPort() == 0 || address.getAddress() == null || isBanned(address, null)) return;
        if (candidates.size() >= MAX_CANDIDATES && !candidates.containsKey(address)) {
            candidates.values().removeIf(c -> c.dead); // make room by forgetting addresses that never worked
            if (candidates.size() >= MAX_CANDIDATES) return;
        }
        candidates.putIfAbsent(address, new Candidate(source));
    }

    /** Up to {@code max} addresses that are due for a connection attempt; they are marked busy. */
    List<InetSocketAddress> takeDue(long nowNanos, int max) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (var e : candidates.entrySet()) {
            if (out.size() >= max) break;
            Candidate c = e.getValue();
            if (c.busy || c.dead || c.nextAttemptNanos > nowNanos) continue;
            if (isBanned(e.getKey(), null)) continue;
            c.busy = true;
            out.add(e.getKey());
        }
        return out;
    }

    /** Whether some address could be dialled now or soon (not dead, not banned, not busy). */
    boolean hasUsable() {
        for (var e : candidates.entrySet()) {
            Candidate c = e.getValue();
            if (!c.busy && !c.dead && !isBanned(e.getKey(), null)) return true;
        }
        return false;
    }

    /** Every address worth trying again (not dead, not banned), e.g. to hand over to the next phase. */
    List<InetSocketAddress> knownAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (var e : candidates.entrySet()) {
            if (!e.getValue().dead && !isBanned(e.getKey(), null)) out.add(e.getKey());
        }
        return out;
    }

    /** Where the address came from; {@link PeerSource#INCOMING} for one we never had. */
    PeerSource sourceOf(InetSocketAddress address) {
        address = canonical(address);
        Candidate c = candidates.get(address);
        return c == null ? PeerSource.INCOMING : c.source;
    }

    /** How many addresses are known and not given up on. */
    int knownCount() {
        int n = 0;
        for (Candidate c : candidates.values()) if (!c.dead) n++;
        return n;
    }

    /** A connection to {@code address} exists (ours or theirs): do not dial it. */
    void connected(InetSocketAddress address) {
        address = canonical(address);
        Candidate c = candidates.get(address);
        if (c != null) {
            c.busy = true;
            c.failures = 0;
        }
    }

    void failed(InetSocketAddress address, long nowNanos, boolean permanently) {
        address = canonical(address);
        Candidate c = candidates.get(address);
        if (c == null) return;
        c.busy = false;
        c.failures++;
        c.dead = permanently || c.failures >= MAX_FAILURES;
        c.nextAttemptNanos = nowNanos + RETRY_BASE_NANOS * (1L << Math.min(c.failures - 1, 5));
    }

    void disconnected(InetSocketAddress address, long nowNanos) {
        address = canonical(address);
        Candidate c = candidates.get(address);
        if (c == null) return;
        c.busy = false;
        c.nextAttemptNanos = nowNanos + RETRY_BASE_NANOS;
    }

    /** After a pause or an error: every known address may be dialled again at once. */
    void retryAllNow() {
        for (Candidate c : candidates.values()) {
            if (!c.busy) c.nextAttemptNanos = Long.MIN_VALUE;
        }
    }

    /** Counts a hash failure against a peer; returns true once it has earned a ban. */
    boolean strike(InetSocketAddress address, String peerId, int limit) {
        address = canonical(address);
        int n = strikes.merge(key(address, peerId), 1, Integer::sum);
        if (n >= limit) {
            banned.add(key(address, peerId));
            if (address.getAddress().isLoopbackAddress()) banned.add(key(address, null));
            return true;
        }
        return false;
    }

    /** Whether a peer at {@code address} (with {@code peerId}, when known) is banned. */
    boolean isBanned(InetSocketAddress address, String peerId) {
        address = canonical(address);
        InetAddress ip = address.getAddress();
        if (ip == null) return false;
        if (!ip.isLoopbackAddress()) return banned.contains(ip.getHostAddress());
        return banned.contains(key(address, null)) || (peerId != null && banned.contains(key(address, peerId)));
    }

    /**
     * An IPv4-mapped IPv6 address ({@code ::ffff:1.2.3.4}) as the IPv4 address it is, so one peer named both
     * ways (a DHT's or a user's IPv6 form, a connection's IPv4 one) is one candidate and one ban. Java's sockets
     * and {@link InetAddress#getByAddress(byte[])} already give the IPv4 form; this catches the rest.
     */
    static InetSocketAddress canonical(InetSocketAddress address) {
        if (!(address.getAddress() instanceof java.net.Inet6Address v6)) return address;
        byte[] b = v6.getAddress();
        for (int i = 0; i < 10; i++) if (b[i] != 0) return address;
        if (b[10] != (byte) 0xff || b[11] != (byte) 0xff) return address;
        try {
            return new InetSocketAddress(
                    InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)), address.getPort());
        } catch (java.net.UnknownHostException impossible) {
            throw new AssertionError(impossible); // four bytes are always an address
        }
    }

    private static String key(InetSocketAddress address, String peerId) {
        InetAddress ip = address.getAddress();
        if (!ip.isLoopbackAddress()) return ip.getHostAddress();
        return peerId != null ? "id:" + peerId : address.toString();
    }
}
