package dev.torpeddo.engine.resume;

import dev.torpeddo.engine.internal.Bitfield;
import java.util.Objects;
import java.util.Optional;

/** What {@link ResumeCheck} decided a torrent may take from its resume record. */
public sealed interface ResumeVerdict {

    /**
     * The record cannot be relied on for the data: check every piece.
     *
     * @param reason one line, for the log and the user
     * @param record the record, when it is this torrent's and only its files disagree, so that priorities,
     *     totals, trackers and the rest survive; empty when it is unreadable or another torrent's
     */
    record FullCheck(String reason, Optional<ResumeRecord> record) implements ResumeVerdict {
        public FullCheck {
            Objects.requireNonNull(reason);
            Objects.requireNonNull(record);
        }
    }

    /**
     * The record is usable. Pieces in neither bitfield are missing: nothing needs to be read for them.
     *
     * @param trusted pieces to take as verified without reading them
     * @param toHash pieces whose files changed since the record was made: hash them, whether recorded or not
     * @param record the record itself, for everything but the pieces
     */
    record Trusted(Bitfield trusted, Bitfield toHash, ResumeRecord record) implements ResumeVerdict {
        public Trusted {
            trusted = trusted.copy();
            toHash = toHash.copy();
            Objects.requireNonNull(record);
            if (trusted.size() != toHash.size()) throw new IllegalArgumentException("bitfields of different sizes");
            for (int p = trusted.nextSetBit(0); p >= 0; p = trusted.nextSetBit(p + 1)) {
                if (toHash.get(p)) throw new IllegalArgumentException("piece " + p + " both trusted and to hash");
            }
        }

        @Override
        public Bitfield trusted() {
            return trusted.copy();
        }

        @Override
        public Bitfield toHash() {
            return toHash.copy();
        }
    }
}
