package dev.torpeddo.engine.picker;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A started piece: for each block whether it was received and which peers it is requested from (several only
 * in endgame). A block is free when neither. Not thread-safe.
 */
final class InFlightPiece<P> {
    final int index;
    final int size;
    private final boolean[] received;
    private final List<List<P>> requesters;
    private final Set<P> contributors = new LinkedHashSet<>();
    private int receivedCount;
    private int freeCount;

    InFlightPiece(int index, int size) {
        this.index = index;
        this.size = size;
        int blocks = (size + BlockRequest.BLOCK_SIZE - 1) / BlockRequest.BLOCK_SIZE;
        this.received = new boolean[blocks];
        this.requesters = new ArrayList<>(blocks);
        for (int i = 0; i < blocks; i++) requesters.add(new ArrayList<>(1));
        this.freeCount = blocks;
    }

    int blockCount() {
        return received.length;
    }

    int freeCount() {
        return freeCount;
    }

    boolean isComplete() {
        return receivedCount == received.length;
    }

    long receivedBytes() {
        long bytes = 0;
        for (int i = 0; i < received.length; i++) if (received[i]) bytes += block(i).length();
        return bytes;
    }

    BlockRequest block(int i) {
        int offset = i * BlockRequest.BLOCK_SIZE;
        return new BlockRequest(index, offset, Math.min(BlockRequest.BLOCK_SIZE, size - offset));
    }

    /** The block number of {@code b}, or -1 if it is not exactly one of this piece's blocks. */
    int blockNumber(BlockRequest b) {
        if (b.piece() != index || b.offset() < 0 || b.offset() % BlockRequest.BLOCK_SIZE != 0) return -1;
        int i = b.offset() / BlockRequest.BLOCK_SIZE;
        if (i >= received.length || block(i).length() != b.length()) return -1;
        return i;
    }

    boolean isFree(int i) {
        return !received[i] && requesters.get(i).isEmpty();
    }

    boolean isReceived(int i) {
        return received[i];
    }

    List<P> requestersOf(int i) {
        return requesters.get(i);
    }

    void request(int i, P peer) {
        if (isFree(i)) freeCount--;
        requesters.get(i).add(peer);
    }

    /** Forgets that {@code peer} was asked for block {@code i}; returns whether it had been. */
    boolean release(int i, P peer) {
        boolean removed = requesters.get(i).remove(peer);
        if (removed && isFree(i)) freeCount++;
        return removed;
    }

    /** Marks block {@code i} received from {@code peer}; returns the other peers it was requested from. */
    List<P> receive(int i, P peer) {
        if (isFree(i)) freeCount--;
        received[i] = true;
        receivedCount++;
        contributors.add(peer);
        List<P> others = new ArrayList<>(requesters.get(i));
        others.remove(peer);
        requesters.get(i).clear();
        return others;
    }

    List<P> contributors() {
        return List.copyOf(contributors);
    }
}
