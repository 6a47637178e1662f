package dev.torpeddo.backend.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateDirTest {
    @Test
    void linuxFollowsXdgAndIgnoresRelativeValues() {
        var xdg = StateDir.Locations.platformDefault(
                Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "/data"), "Linux", "/home/u");
        assertThat(xdg.configDir()).isEqualTo(Path.of("/cfg/torpeddo"));
        assertThat(xdg.dataDir()).isEqualTo(Path.of("/data/torpeddo"));
        var plain = StateDir.Locations.platformDefault(Map.of("XDG_DATA_HOME", "relative"), "Linux", "/home/u");
        assertThat(plain.configDir()).isEqualTo(Path.of("/home/u/.config/torpeddo"));
        assertThat(plain.dataDir()).isEqualTo(Path.of("/home/u/.local/share/torpeddo"));
    }

    @Test
    void windowsAndMacUseOneFolderInTheirUsualPlace() {
        var win = StateDir.Locations.platformDefault(
                Map.of("APPDATA", "C:\\Users\\u\\AppData\\Roaming"), "Windows 11", "C:\\Users\\u");
        assertThat(win.dataDir()).isEqualTo(win.configDir());
        assertThat(win.dataDir().toString()).contains("Roaming").endsWith("Torpeddo");
        var mac = StateDir.Locations.platformDefault(Map.of(), "Mac OS X", "/Users/u");
        assertThat(mac.dataDir()).isEqualTo(Path.of("/Users/u/Library/Application Support/Torpeddo"));
    }
}
