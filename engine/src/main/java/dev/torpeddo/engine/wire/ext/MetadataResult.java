package dev.torpeddo.engine.wire.ext;

import java.util.Arrays;
import java.util.Set;

/**
 * What {@link MetadataAssembler#onData} made of one ut_metadata piece.
 *
 * @param <P> how the caller identifies a peer
 */
public sealed interface MetadataResult<P> {

    /** The piece was stored; more are needed. */
    record Accepted<P>() implements MetadataResult<P> {}

    /** Harmless but useless: a late answer to a request already given to another peer or abandoned. */
    record Ignored<P>(String reason) implements MetadataResult<P> {}

    /** The peer broke the protocol (unsolicited piece, wrong size or length) or is known to lie: drop it. */
    record BadPeer<P>(String reason) implements MetadataResult<P> {}

    /**
     * All pieces arrived but their SHA-1 is not the info-hash: everything was discarded and the assembly starts
     * over, from one peer at a time so that the next failure names its culprit.
     *
     * @param badPeers peers proven to lie by this failure (drop them); often empty after the first failure
     */
    record HashMismatch<P>(Set<P> badPeers) implements MetadataResult<P> {
        public HashMismatch {
            badPeers = Set.copyOf(badPeers);
        }
    }

    /**
     * The info dictionary, verified against the info-hash.
     *
     * @param badPeers peers whose pieces in an earlier, failed assembly differ from the verified bytes
     */
    record Complete<P>(byte[] infoDict, Set<P> badPeers) implements MetadataResult<P> {
        public Complete {
            badPeers = Set.copyOf(badPeers);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Complete<?> c && Arrays.equals(c.infoDict, infoDict) && c.badPeers.equals(badPeers);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(infoDict) + badPeers.hashCode();
        }

        @Override
        public String toString() {
            return "Complete[length=" + infoDict.length + ", badPeers=" + badPeers + "]";
        }
    }
}
