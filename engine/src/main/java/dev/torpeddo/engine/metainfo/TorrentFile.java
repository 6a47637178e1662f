package dev.torpeddo.engine.metainfo;

import dev.torpeddo.engine.bencode.BBytes;
import dev.torpeddo.engine.bencode.BEncoder;
import dev.torpeddo.engine.bencode.BList;
import dev.torpeddo.engine.bencode.BValue;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a bare info dictionary (as fetched from peers for a magnet link) into a {@link Metainfo} and back
 * into a {@code .torrent} file. The info dictionary is always kept byte for byte, so the info-hash stays
 * the one the magnet named.
 */
public final class TorrentFile {
    private TorrentFile() {}

    /**
     * Parses verified info-dictionary bytes, adding the trackers known from elsewhere (the magnet's tr=). The
     * bytes must be one bencoded dictionary and nothing else: spliced into a torrent, anything after it would
     * be read as more top-level keys (a comment, web seeds) and the torrent's info bytes would no longer be
     * the ones whose hash was verified.
     */
    public static Metainfo fromInfo(byte[] rawInfo, List<List<URI>> trackerTiers) throws MetainfoException {
        Metainfo meta = MetainfoParser.parse(encode(rawInfo, trackerTiers));
        if (!Arrays.equals(meta.rawInfo(), rawInfo)) {
            throw new MetainfoException(
                    MetainfoException.Reason.NOT_BENCODE,
                    "the info dictionary is followed by " + (rawInfo.length - meta.rawInfo().length) + " more bytes");
        }
        return meta;
    }

    /**
     * A complete .torrent for {@code meta}: its trackers, comment, creator and web seeds, and its info bytes as
     * they are.
     */
    public static byte[] toBytes(Metainfo meta) {
        return encode(
                meta.rawInfo(),
                meta.trackerTiers(),
                meta.comment().orElse(null),
                meta.createdBy().orElse(null),
                meta.webSeeds());
    }

    private static byte[] encode(byte[] rawInfo, List<List<URI>> tiers) {
        return encode(rawInfo, tiers, null, null, List.of());
    }

    // Keys in sorted order: announce, announce-list, comment, created by, info, url-list. The info value is
    // spliced in raw because re-encoding could reorder a non-canonical dictionary and change the info-hash.
    private static byte[] encode(
            byte[] rawInfo, List<List<URI>> tiers, String comment, String createdBy, List<URI> webSeeds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rawInfo.length + 256);
        out.write('d');
        if (!tiers.isEmpty() && !tiers.getFirst().isEmpty()) {
            writeEntry(
                    out,
                    "announce",
                    new BBytes(tiers.getFirst().getFirst().toString().getBytes(StandardCharsets.UTF_8)));
            List<BValue> list = new ArrayList<>();
            for (List<URI> tier : tiers) {
                List<BValue> urls = new ArrayList<>();
                for (URI u : tier) urls.add(new BBytes(u.toString().getBytes(StandardCharsets.UTF_8)));
                list.add(new BList(urls));
            }
            writeEntry(out, "announce-list", new BList(list));
        }
        if (comment != null) writeEntry(out, "comment", BBytes.of(comment));
        if (createdBy != null) writeEntry(out, "created by", BBytes.of(createdBy));
        out.writeBytes(BEncoder.encode(BBytes.of("info")));
        out.writeBytes(rawInfo);
        if (!webSeeds.isEmpty()) {
            List<BValue> urls = new ArrayList<>();
            for (URI u : webSeeds) urls.add(new BBytes(u.toString().getBytes(StandardCharsets.UTF_8)));
            writeEntry(out, "url-list", new BList(urls));
        }
        out.write('e');
        return out.toByteArray();
    }

    private static void writeEntry(ByteArrayOutputStream out, String key, BValue value) {
        out.writeBytes(BEncoder.encode(BBytes.of(key)));
        out.writeBytes(BEncoder.encode(value));
    }
}
