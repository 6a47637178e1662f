package dev.torpeddo.backend.manager;

import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.session.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Whether a torrent's save path has room for what it still needs: its selected files less what is there. */
final class SpaceCheck {
    private SpaceCheck() {}

    static void requireRoom(Metainfo meta, Path savePath, Map<Integer, Integer> priorities) throws ManagerException {
        long needed = 0;
        List<FileEntry> files = meta.files();
        for (int i = 0; i < files.size(); i++) {
            if (priorities.getOrDefault(i, 4) == 0) continue;
            FileEntry f = files.get(i);
            long there = 0;
            try {
                Path p = savePath;
                for (String part : f.path()) p = p.resolve(part);
                if (p.normalize().startsWith(savePath) && Files.isRegularFile(p)) there = Files.size(p);
            } catch (IOException | RuntimeException unreadable) {
                there = 0; // an odd name or an unreadable file: count it as missing
            }
            needed += Math.max(0, f.length() - there);
        }
        if (needed == 0) return;
        long free;
        try {
            free = Session.freeSpace(savePath);
        } catch (IOException e) {
            return; // cannot tell (an unusual file system): let the download find out
        }
        if (free < needed) {
            throw new ManagerException(
                    ManagerException.Kind.NOT_ENOUGH_SPACE,
                    "not enough space in " + savePath + ": " + meta.name() + " needs " + needed + " more bytes, " + free
                            + " are free");
        }
    }
}
