package dev.torpeddo.backend.manager;

import java.nio.file.Path;
import java.util.Objects;

/** What to add: a .torrent's bytes, a .torrent file, or a magnet link. */
public sealed interface AddSource {
    record TorrentData(byte[] bytes) implements AddSource {
        public TorrentData {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TorrentData t && java.util.Arrays.equals(t.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "TorrentData[" + bytes.length + " bytes]";
        }
    }

    record TorrentFile(Path path) implements AddSource {
        public TorrentFile {
            Objects.requireNonNull(path, "path");
        }
    }

    record Magnet(String uri) implements AddSource {
        public Magnet {
            Objects.requireNonNull(uri, "uri");
        }
    }
}
