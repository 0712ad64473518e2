package io.orcagent.plugins.mysqldump;

import static org.assertj.core.api.Assertions.assertThat;

import io.orcagent.api.AgentPlugin;
import io.orcagent.api.Availability;
import io.orcagent.api.ConfigException;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.SeedMethodFactory;
import io.orcagent.api.SeedMethodInfo;
import io.orcagent.api.Side;
import io.orcagent.plugins.seedsupport.testing.MapPluginConfig;
import io.orcagent.plugins.seedsupport.testing.ToolsOnlyPluginContext;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class MysqldumpPluginTest {

    @Test
    void theServiceFileOffersTheMysqldumpMethodEnabledByDefault() {
        List<SeedMethodFactory> factories = ServiceLoader.load(AgentPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(plugin -> plugin.seedMethods().stream())
                .toList();
        assertThat(factories).singleElement().satisfies(factory -> {
            assertThat(factory.name()).isEqualTo("Mysqldump");
            assertThat(factory.enabledByDefault()).isTrue();
        });
    }

    @Test
    void theMethodBacksUpOnTheTargetOutsideTheDatadirForAllEngines() {
        assertThat(method(Map.of()).info())
                .isEqualTo(new SeedMethodInfo(Side.TARGET, false, SeedMethodInfo.ALL_ENGINES));
    }

    @Test
    void theProbeFindsTheInstalledTools() {
        assertThat(method(Map.of()).probe()).isEqualTo(Availability.usable());
    }

    @Test
    void theProbeNamesAMissingDumpToolAndWhatToInstall() {
        assertThat(method(Map.of("dump-command", "no-such-mysqldump")).probe()).isEqualTo(Availability.unavailable(
                "no-such-mysqldump not found: install mariadb-client or mysql-client"));
    }

    @Test
    void mariadbDumpRecordsCommentedCoordinatesAndTheGtidPosition() throws InterruptedException {
        assertThat(DumpDialect.detect(RuntimeStages.RUNNER, "mariadb-dump")
                .coordinateArguments()).containsExactly("--master-data=2", "--gtid");
    }

    private static SeedMethod method(Map<String, Object> config) {
        try {
            return new MysqldumpMethodFactory().create(new ToolsOnlyPluginContext("mysqldump",
                    new MapPluginConfig("mysqldump", config), RuntimeStages.RUNNER));
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }
}
