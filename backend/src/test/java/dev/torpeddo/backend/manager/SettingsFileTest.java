package dev.torpeddo.backend.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class SettingsFileTest {
    @TempDir
    Path tmp;

    private final Settings defaults = Settings.defaults("/downloads");

    @Test
    void savedSettingsLoadAsTheyWere() throws Exception {
        var file = new SettingsFile(tmp.resolve("settings.json"));
        Settings changed = SettingsFile.merge(defaults, (ObjectNode) SettingsFile.JSON.readTree(
                "{\"alt_limits_on\": true, \"queue\": {\"max_active_downloads\": 7}, \"listen_port\": 7000}"));
        file.save(changed);
        var loaded = file.load(defaults);
        assertThat(loaded.problem()).isEmpty();
        assertThat(loaded.settings()).isEqualTo(changed);
        assertThat(loaded.settings().queue().maxActiveDownloads()).isEqualTo(7);
        assertThat(loaded.settings().queue().maxActiveSeeds())
                .isEqualTo(defaults.queue().maxActiveSeeds());
        assertThat(loaded.settings().effectiveLimits()).isEqualTo(defaults.altLimits());
    }

    @Test
    void aFileNamingOnlySomeKeysKeepsTheDefaultsForTheRestAndUnknownKeysAreIgnored() throws Exception {
        Path path = tmp.resolve("settings.json");
        Files.writeString(path, "{\"listen_port\": 51413, \"from_a_newer_version\": 1}");
        var loaded = new SettingsFile(path).load(defaults);
        assertThat(loaded.problem()).isEmpty();
        assertThat(loaded.settings().listenPort()).isEqualTo(51413);
        assertThat(loaded.settings().queue()).isEqualTo(defaults.queue());
    }

    @Test
    void aDamagedFileIsSetAsideAndTheDefaultsApply() throws Exception {
        for (String bad :
                new String[] {"", "{\"listen_port\": ", "[1,2]", "{\"listen_port\": 99999}", "\u0000\u0001"}) {
            Path path = tmp.resolve("settings.json");
            Files.writeString(path, bad);
            var loaded = new SettingsFile(path).load(defaults);
            assertThat(loaded.settings()).as(bad).isEqualTo(defaults);
            assertThat(loaded.problem())
                    .as(bad)
                    .hasValueSatisfying(p -> assertThat(p).contains("not usable"));
            assertThat(tmp.resolve("settings.json.bad")).as(bad).hasContent(bad);
            assertThat(path).doesNotExist();
        }
    }

    @Test
    void aPatchThatMakesInvalidSettingsIsRefusedWithTheReason() throws Exception {
        assertThatThrownBy(() -> SettingsFile.merge(
                        defaults, (ObjectNode) SettingsFile.JSON.readTree("{\"limits\": {\"download\": -1}}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate limits must be >= 0");
    }

    @Test
    void enumValuesAreWrittenInLowerCaseAndReadInEitherCase() throws Exception {
        Path path = tmp.resolve("settings.json");
        var file = new SettingsFile(path);
        Settings removing = SettingsFile.merge(
                defaults, (ObjectNode) SettingsFile.JSON.readTree("{\"share_limits\": {\"action\": \"REMOVE\"}}"));
        assertThat(removing.shareLimits().action()).isEqualTo(Settings.ShareAction.REMOVE);
        file.save(removing);
        assertThat(Files.readString(path)).contains("\"action\" : \"remove\"");
        assertThat(file.load(defaults).settings()).isEqualTo(removing);
    }
}
