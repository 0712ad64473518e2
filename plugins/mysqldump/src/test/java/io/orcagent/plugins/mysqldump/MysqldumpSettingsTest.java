package io.orcagent.plugins.mysqldump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.ConfigException;
import io.orcagent.plugins.seedsupport.testing.MapPluginConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MysqldumpSettingsTest {

    @Test
    void anEmptySectionGivesTheGoAgentsDefaults() throws ConfigException {
        MysqldumpSettings settings = MysqldumpSettings.read(section(Map.of()));
        assertThat(settings.dumpOptions()).containsExactly("--single-transaction", "--quick", "--routines",
                "--events", "--triggers", "--hex-blob");
    }

    @Test
    void mariadbToolsAreTheDefaultWhereInstalled() throws ConfigException {
        MysqldumpSettings settings = MysqldumpSettings.read(section(Map.of()));
        assertThat(settings.dumpCommand()).isEqualTo("mariadb-dump");
        assertThat(settings.clientCommand()).isEqualTo("mariadb");
    }

    @Test
    void theDocumentedOptionsKeyIsRead() throws ConfigException {
        MapPluginConfig config = section(Map.of("mysqldump-addtional-opts", List.of("--quick", "--threads 2")));
        assertThat(MysqldumpSettings.read(config).dumpOptions()).containsExactly("--quick", "--threads", "2");
        assertThat(config.unknownKeys()).isEmpty();
    }

    @Test
    void theGoAgentsKeyIsAcceptedAsAnAlias() throws ConfigException {
        MapPluginConfig config = section(Map.of("addtional-opts", List.of("--skip-lock-tables")));
        assertThat(MysqldumpSettings.read(config).dumpOptions()).containsExactly("--skip-lock-tables");
        assertThat(config.unknownKeys()).isEmpty();
    }

    @Test
    void bothOptionKeysTogetherAreAConfigError() {
        MapPluginConfig config = section(Map.of("addtional-opts", List.of("--quick"),
                "mysqldump-addtional-opts", List.of("--quick")));
        assertThatThrownBy(() -> MysqldumpSettings.read(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("keep one");
    }

    @Test
    void aReservedOptionStopsTheStartNamingIt() {
        MapPluginConfig config = section(Map.of("mysqldump-addtional-opts", List.of("--quick", "--password=x")));
        assertThatThrownBy(() -> MysqldumpSettings.read(config))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("mysqldump-addtional-opts");
                    assertThat(e.getMessage()).contains("--password");
                });
    }

    @Test
    void aDefaultsFileOptionIsReserved() {
        MapPluginConfig config = section(Map.of("addtional-opts", List.of("--defaults-file=/tmp/x.cnf")));
        assertThatThrownBy(() -> MysqldumpSettings.read(config)).isInstanceOf(ConfigException.class);
    }

    @Test
    void theToolsCanBeNamed() throws ConfigException {
        MysqldumpSettings settings = MysqldumpSettings.read(section(Map.of("dump-command", "/usr/bin/mysqldump",
                "client-command", "/usr/bin/mysql")));
        assertThat(settings.dumpCommand()).isEqualTo("/usr/bin/mysqldump");
        assertThat(settings.clientCommand()).isEqualTo("/usr/bin/mysql");
    }

    @Test
    void aBlankToolNameIsRefused() {
        assertThatThrownBy(() -> MysqldumpSettings.read(section(Map.of("dump-command", " "))))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("dump-command"));
    }

    private static MapPluginConfig section(Map<String, Object> values) {
        return new MapPluginConfig("mysqldump", values);
    }
}
