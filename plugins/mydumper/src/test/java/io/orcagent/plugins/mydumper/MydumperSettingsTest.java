package io.orcagent.plugins.mydumper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.ConfigException;
import io.orcagent.plugins.seedsupport.testing.MapPluginConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MydumperSettingsTest {

    @Test
    void anEmptySectionGivesTheGoAgentsDefaults() throws ConfigException {
        MydumperSettings settings = MydumperSettings.read(section(Map.of()));
        assertThat(settings.dumperOptions()).containsExactly("--routines", "--events", "--triggers");
        assertThat(settings.loaderOptions()).isEmpty();
    }

    @Test
    void bothKeysAreReadAndSplitOnSpaces() throws ConfigException {
        MapPluginConfig config = section(Map.of("mydumper-addtional-opts", List.of("--threads 8", "--compress"),
                "myloader-additional-opts", List.of("--queries-per-transaction 500")));
        MydumperSettings settings = MydumperSettings.read(config);
        assertThat(settings.dumperOptions()).containsExactly("--threads", "8", "--compress");
        assertThat(settings.loaderOptions()).containsExactly("--queries-per-transaction", "500");
        assertThat(config.unknownKeys()).isEmpty();
    }

    @Test
    void anOutputDirInTheDumperOptionsIsRefused() {
        assertThatThrownBy(() -> MydumperSettings.read(section(Map.of("mydumper-addtional-opts",
                List.of("-o /elsewhere")))))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("mydumper-addtional-opts");
                    assertThat(e.getMessage()).contains("-o");
                });
    }

    @Test
    void aPasswordInTheLoaderOptionsIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> MydumperSettings.read(section(Map.of("myloader-additional-opts",
                List.of("--password=hunter2")))))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("myloader-additional-opts");
                    assertThat(e.getMessage()).contains("--password").doesNotContain("hunter2");
                });
    }

    @Test
    void askingForThePasswordOnATerminalIsRefused() {
        assertThatThrownBy(() -> MydumperSettings.read(section(Map.of("mydumper-addtional-opts", List.of("-a")))))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void aListOfTheWrongTypeIsRefused() {
        assertThatThrownBy(() -> MydumperSettings.read(section(Map.of("mydumper-addtional-opts", "--routines"))))
                .isInstanceOf(ConfigException.class);
    }

    private static MapPluginConfig section(Map<String, Object> values) {
        return new MapPluginConfig("mydumper", values);
    }
}
