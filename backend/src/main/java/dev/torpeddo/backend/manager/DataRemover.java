package dev.torpeddo.backend.manager;

import dev.torpeddo.engine.api.FileInfo;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * Deletes a removed torrent's data: its own files (as the engine last named them), the engine's files for it
 * (part file, journals, all named after its info-hash), and the folders that leaves empty. Never anything that
 * resolves outside the save path, never the save path itself, never a file the torrent does not own.
 */
final class DataRemover {
    private static final System.Logger LOG = System.getLogger(DataRemover.class.getName());

    private DataRemover() {}

    static void delete(Path savePath, List<FileInfo> files, InfoHash infoHash) {
        Path root = savePath.toAbsolutePath().normalize();
        TreeSet<Path> folders = new TreeSet<>((a, b) -> b.getNameCount() - a.getNameCount() != 0
                ? b.getNameCount() - a.getNameCount()
                : a.compareTo(b)); // deepest first
        for (FileInfo f : files) {
            Path p = root.resolve(f.path()).normalize();
            if (!p.startsWith(root) || p.equals(root)) continue;
            try {
                Files.deleteIfExists(p); // a symbolic link is removed, never what it points to
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete {0}: {1}", p, e.getMessage());
            }
            for (Path d = p.getParent(); d != null && d.startsWith(root) && !d.equals(root); d = d.getParent()) {
                folders.add(d);
            }
        }
        String own = ".torpeddo-" + infoHash.hex();
        try (DirectoryStream<Path> in = Files.newDirectoryStream(root, own + "*")) {
            for (Path p : in) Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "no engine files to delete in {0}: {1}", root, e.getMessage());
        }
        for (Path d : folders) {
            try {
                Files.deleteIfExists(d);
            } catch (DirectoryNotEmptyException keep) {
                // holds something that is not the torrent's: it stays
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete {0}: {1}", d, e.getMessage());
            }
        }
    }
}
