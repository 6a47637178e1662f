package dev.torpeddo.backend.manager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.Encryption;
import dev.torpeddo.engine.api.SessionConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class EngineConfigTest {
    private static Settings withProtocols(String json) {
        Settings s = Settings.defaults("/downloads");
        Settings off =
                SettingsFile.merge(s, (ObjectNode) SettingsFile.JSON.readTree("{\"discovery\":{\"dht\":false}}"));
        return SettingsFile.merge(off, (ObjectNode) SettingsFile.JSON.readTree(json));
    }

    @Test
    void byDefaultPeersAreDialledEncryptedFirstAndOverUtpFirst() {
        SessionConfig c = EngineConfig.of(withProtocols("{}"), null, ManagerOptions.defaults());
        assertThat(c.encryption()).isEqualTo(Encryption.PREFER);
        assertThat(c.utpIncoming()).isTrue();
        assertThat(c.utpOutgoing()).isTrue();
    }

    @Test
    void theUsersProtocolChoicesReachTheEngine() {
        SessionConfig c = EngineConfig.of(
                withProtocols("{\"protocols\":{\"encryption\":\"require\",\"utp\":false}}"),
                null,
                ManagerOptions.defaults());
        assertThat(c.encryption()).isEqualTo(Encryption.REQUIRE);
        assertThat(c.utpIncoming()).as("no uTP either way").isFalse();
        assertThat(c.utpOutgoing()).isFalse();
        assertThat(EngineConfig.of(
                                withProtocols("{\"protocols\":{\"encryption\":\"disable\"}}"),
                                null,
                                ManagerOptions.defaults())
                        .encryption())
                .isEqualTo(Encryption.DISABLE);
    }

    @Test
    void anUnknownEncryptionModeIsRefusedNamingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> withProtocols("{\"protocols\":{\"encryption\":\"sometimes\"}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sometimes");
    }
}
