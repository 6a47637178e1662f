package dev.torpeddo.engine.choker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Tit-for-tat choking with an optimistic unchoke (BEP 3 as mainline clients do it). The caller runs
 * {@link #round} every {@value #ROUND_SECONDS} seconds with fresh stats; the choker remembers which peers
 * held slots in earlier rounds.
 *
 * <ul>
 *   <li>Only interested peers take slots; if they fit in the slots, all are unchoked.
 *   <li>Leeching: the regular slots (all but one) go to the peers we download from fastest, except snubbed
 *       peers.
 *   <li>Seeding: the regular slots rotate. A peer keeps its slot for {@value #SEED_TURN_ROUNDS} rounds, then
 *       yields to the peers that have waited longest, so nobody starves.
 *   <li>Optimistic: one extra peer, re-drawn every {@value #OPTIMISTIC_ROUNDS} rounds at random among the
 *       other interested peers, newly connected ones three times as likely, so new peers get something to
 *       reciprocate with and we discover faster peers.
 * </ul>
 *
 * <p>Not thread-safe: callers hold the torrent's lock. O(peers log peers) per round.
 */
public final class Choker<P> {
    /** Upload slots, the optimistic one included. */
    public static final int DEFAULT_SLOTS = 4;
    /** How often the caller is expected to call {@link #round}. */
    public static final int ROUND_SECONDS = 10;
    /** Rounds between optimistic re-draws (30 s). */
    public static final int OPTIMISTIC_ROUNDS = 3;
    /** Rounds a peer keeps a regular slot while seeding before it yields to waiting peers. */
    public static final int SEED_TURN_ROUNDS = 3;
    /** Peers connected more recently than this count as new for the optimistic draw. */
    public static final long NEW_PEER_NANOS = OPTIMISTIC_ROUNDS * ROUND_SECONDS * 1_000_000_000L;

    private static final int NEW_PEER_WEIGHT = 3;

    private final RandomGenerator random;
    private int slots;
    private long roundNumber;
    private P optimistic;
    private final Map<P, Long> holdingSince = new HashMap<>(); // regular slot holders: round they got it
    private final Map<P, Long> lastUnchoked = new HashMap<>(); // last round each peer held any slot

    public Choker(RandomGenerator random) {
        this(random, DEFAULT_SLOTS);
    }

    public Choker(RandomGenerator random, int slots) {
        this.random = random;
        setSlots(slots);
    }

    /**
     * Changes the number of upload slots from the next round on: 0 means upload to nobody (a user's choice
     * for a metered link), otherwise one of them is the optimistic slot.
     */
    public void setSlots(int slots) {
        if (slots < 0) throw new IllegalArgumentException("negative upload slots: " + slots);
        this.slots = slots;
    }

    /**
     * Runs one round.
     *
     * @param nowNanos the current time on the same clock as {@link PeerStats#connectedAtNanos()}
     * @param peers every connected peer, each once
     * @param seeding whether we have everything (rotate fairly) or are still downloading (reciprocate)
     */
    public ChokeDecision<P> round(long nowNanos, List<PeerStats<P>> peers, boolean seeding) {
        Map<P, PeerStats<P>> byPeer = new HashMap<>();
        for (PeerStats<P> s : peers) {
            if (byPeer.put(s.peer(), s) != null) throw new IllegalArgumentException("peer listed twice: " + s.peer());
        }
        holdingSince.keySet().retainAll(byPeer.keySet());
        lastUnchoked.keySet().retainAll(byPeer.keySet());
        if (slots == 0) return new ChokeDecision<>(java.util.Set.of(), java.util.Optional.empty());

        List<PeerStats<P>> interested = new ArrayList<>();
        for (PeerStats<P> s : peers) if (s.interested()) interested.add(s);
        // Shuffled first so that the stable sorts below break ties at random.
        Collections.shuffle(interested, random);

        boolean redraw = roundNumber % OPTIMISTIC_ROUNDS == 0
                || optimistic == null
                || !byPeer.containsKey(optimistic)
                || !byPeer.get(optimistic).interested();
        if (redraw) optimistic = null;

        Set<P> regular = new LinkedHashSet<>();
        if (interested.size() <= slots) {
            interested.forEach(s -> regular.add(s.peer()));
            optimistic = null;
        } else {
            List<PeerStats<P>> contenders = new ArrayList<>(interested);
            contenders.removeIf(s -> s.peer().equals(optimistic));
            int regularSlots = slots - 1;
            if (seeding) rotate(contenders, regularSlots, regular);
            else reciprocate(contenders, regularSlots, regular);
            if (optimistic == null) optimistic = draw(nowNanos, interested, regular);
        }

        Set<P> unchoked = new LinkedHashSet<>(regular);
        if (optimistic != null) unchoked.add(optimistic);
        holdingSince.keySet().retainAll(regular);
        for (P p : regular) holdingSince.putIfAbsent(p, roundNumber);
        for (P p : unchoked) lastUnchoked.put(p, roundNumber);
        roundNumber++;
        return new ChokeDecision<>(unchoked, Optional.ofNullable(optimistic));
    }

    /** Leeching: the fastest uploaders to us that are not snubbing us. */
    private void reciprocate(List<PeerStats<P>> contenders, int regularSlots, Set<P> regular) {
        contenders.removeIf(PeerStats::snubbed);
        contenders.sort(
                Comparator.comparingLong((PeerStats<P> s) -> s.downloadRate()).reversed());
        for (int i = 0; i < Math.min(regularSlots, contenders.size()); i++)
            regular.add(contenders.get(i).peer());
    }

    /** Seeding: holders keep their slot for a turn, then the longest-waiting peers take over. */
    private void rotate(List<PeerStats<P>> contenders, int regularSlots, Set<P> regular) {
        List<P> stay = new ArrayList<>();
        List<P> waiting = new ArrayList<>();
        for (PeerStats<P> s : contenders) {
            Long since = holdingSince.get(s.peer());
            if (since != null && roundNumber - since < SEED_TURN_ROUNDS) stay.add(s.peer());
            else waiting.add(s.peer());
        }
        stay.sort(Comparator.comparingLong(holdingSince::get));
        waiting.sort(Comparator.comparingLong(p -> lastUnchoked.getOrDefault(p, -1L)));
        for (P p : stay) if (regular.size() < regularSlots) regular.add(p);
        for (P p : waiting) if (regular.size() < regularSlots) regular.add(p);
    }

    /** A random interested peer outside the regular slots, new peers weighted {@value #NEW_PEER_WEIGHT}x. */
    private P draw(long nowNanos, List<PeerStats<P>> interested, Set<P> regular) {
        List<PeerStats<P>> pool = new ArrayList<>();
        int total = 0;
        for (PeerStats<P> s : interested) {
            if (regular.contains(s.peer())) continue;
            pool.add(s);
            total += weight(nowNanos, s);
        }
        if (total == 0) return null;
        int ticket = random.nextInt(total);
        for (PeerStats<P> s : pool) {
            ticket -= weight(nowNanos, s);
            if (ticket < 0) return s.peer();
        }
        throw new AssertionError("ticket beyond total weight");
    }

    private static int weight(long nowNanos, PeerStats<?> s) {
        return nowNanos - s.connectedAtNanos() < NEW_PEER_NANOS ? NEW_PEER_WEIGHT : 1;
    }
}
