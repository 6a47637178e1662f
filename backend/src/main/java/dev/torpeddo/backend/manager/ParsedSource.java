package dev.torpeddo.backend.manager;

import dev.torpeddo.engine.magnet.MagnetException;
import dev.torpeddo.engine.magnet.MagnetLink;
import dev.torpeddo.engine.magnet.MagnetParser;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.MetainfoException;
import dev.torpeddo.engine.metainfo.MetainfoParser;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** An add's source read and checked: a .torrent's metainfo (and its bytes, to store) or a magnet link. */
sealed interface ParsedSource {
    InfoHash infoHash();

    List<URI> trackers();

    record FromTorrent(Metainfo meta, byte[] bytes) implements ParsedSource {
        @Override
        public InfoHash infoHash() {
            return meta.infoHash();
        }

        @Override
        public List<URI> trackers() {
            return meta.trackerTiers().stream().flatMap(List::stream).toList();
        }
    }

    record FromMagnet(MagnetLink magnet) implements ParsedSource {
        @Override
        public InfoHash infoHash() {
            return magnet.infoHash();
        }

        @Override
        public List<URI> trackers() {
            return magnet.trackers();
        }
    }

    static ParsedSource read(AddSource source) throws ManagerException {
        return switch (source) {
            case AddSource.Magnet(String uri) -> {
                try {
                    yield new FromMagnet(MagnetParser.parse(uri));
                } catch (MagnetException e) {
                    throw new ManagerException(
                            ManagerException.Kind.INVALID_MAGNET, "not a valid magnet link: " + e.getMessage());
                }
            }
            case AddSource.TorrentData d -> fromTorrent(d.bytes(), "the .torrent data");
            case AddSource.TorrentFile(Path path) -> {
                byte[] bytes;
                try {
                    if (Files.size(path) > 64L << 20)
                        throw new ManagerException(
                                ManagerException.Kind.INVALID_TORRENT, path + ": too large for a .torrent file");
                    bytes = Files.readAllBytes(path);
                } catch (NoSuchFileException e) {
                    throw TorrentManager.invalid(path + ": no such file");
                } catch (IOException e) {
                    throw TorrentManager.invalid(path + ": " + e.getMessage());
                }
                yield fromTorrent(bytes, path.toString());
            }
        };
    }

    private static ParsedSource fromTorrent(byte[] bytes, String what) throws ManagerException {
        try {
            return new FromTorrent(MetainfoParser.parse(bytes), bytes);
        } catch (MetainfoException e) {
            throw new ManagerException(
                    ManagerException.Kind.INVALID_TORRENT, what + ": not a valid torrent: " + e.getMessage());
        }
    }
}
