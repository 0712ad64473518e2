package io.orcagent.plugins.mydumper;

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

class MydumperPluginTest {

    @Test
    void theServiceFileOffersTheMydumperMethodDisabledByDefault() {
        List<SeedMethodFactory> factories = ServiceLoader.load(AgentPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(plugin -> plugin.seedMethods().stream())
                .toList();
        assertThat(factories).singleElement().satisfies(factory -> {
            assertThat(factory.name()).isEqualTo("Mydumper");
            assertThat(factory.enabledByDefault()).isFalse();
        });
    }

    @Test
    void theMethodBacksUpOnTheTargetOutsideTheDatadirForAllEngines() throws ConfigException {
        assertThat(method().info()).isEqualTo(new SeedMethodInfo(Side.TARGET, false, SeedMethodInfo.ALL_ENGINES));
    }

    @Test
    void theProbeFindsMydumperAndMyloader() throws ConfigException {
        assertThat(method().probe()).isEqualTo(Availability.usable());
    }

    private static SeedMethod method() throws ConfigException {
        return new MydumperMethodFactory().create(new ToolsOnlyPluginContext("mydumper",
                new MapPluginConfig("mydumper", Map.of()), RuntimeStages.RUNNER));
    }
}
