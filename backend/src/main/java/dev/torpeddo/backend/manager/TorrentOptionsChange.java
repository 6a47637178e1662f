package dev.torpeddo.backend.manager;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A change to per-torrent options; what is empty stays as it is. Share limits: -2 follows the global setting, -1
 * means none.
 */
public record TorrentOptionsChange(
        Optional<Boolean> sequential,
        Optional<Boolean> firstLastPieces,
        OptionalLong downloadLimit,
        OptionalLong uploadLimit,
        OptionalDouble ratioLimit,
        OptionalLong seedingMinutesLimit,
        OptionalInt maxPeers,
        OptionalInt uploadSlots,
        Optional<String> category,
        Optional<List<String>> tags) {

    public static TorrentOptionsChange none() {
        return new TorrentOptionsChange(
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                OptionalLong.empty(),
                OptionalDouble.empty(),
                OptionalLong.empty(),
                OptionalInt.empty(),
                OptionalInt.empty(),
                Optional.empty(),
                Optional.empty());
    }

    void validate() throws ManagerException {
        if (downloadLimit.orElse(0) < 0 || uploadLimit.orElse(0) < 0)
            throw TorrentManager.invalid("rate limits must be >= 0");
        double r = ratioLimit.orElse(0);
        if (Double.isNaN(r) || (r < 0 && r != -1 && r != -2))
            throw TorrentManager.invalid("ratio_limit must be -2 (global), -1 (none) or >= 0");
        if (seedingMinutesLimit.orElse(0) < -2)
            throw TorrentManager.invalid("seeding_minutes_limit must be -2 (global), -1 (none) or >= 0");
        if (maxPeers.orElse(1) < 1 || uploadSlots.orElse(1) < 1)
            throw TorrentManager.invalid("max_peers and upload_slots must be positive");
    }

    void applyTo(ManagedTorrent t) {
        var h = t.handle;
        boolean known = h != null && h.metainfo().isPresent();
        sequential.ifPresent(v -> {
            t.sequential = v;
            if (known) h.setSequential(v);
        });
        firstLastPieces.ifPresent(v -> {
            t.firstLastPieces = v;
            if (known) h.setFirstAndLastPiecesFirst(v);
        });
        downloadLimit.ifPresent(v -> t.downloadLimit = v);
        uploadLimit.ifPresent(v -> t.uploadLimit = v);
        if ((downloadLimit.isPresent() || uploadLimit.isPresent()) && known)
            h.setRateLimits(t.downloadLimit, t.uploadLimit);
        ratioLimit.ifPresent(v -> t.ratioLimit = v);
        seedingMinutesLimit.ifPresent(v -> t.seedingMinutesLimit = v);
        maxPeers.ifPresent(v -> {
            t.maxPeers = v;
            if (known) h.setMaxPeers(v);
        });
        uploadSlots.ifPresent(v -> {
            t.uploadSlots = v;
            if (known) h.setUploadSlots(v);
        });
        category.ifPresent(v -> t.category = v);
        tags.ifPresent(v -> t.tags = new java.util.ArrayList<>(v));
        t.progressDirty = true;
    }
}
