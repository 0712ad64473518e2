package io.orcagent.plugins.mydumper;

import static org.assertj.core.api.Assertions.assertThat;

import io.orcagent.api.SeedMethodInfo;
import io.orcagent.api.Side;
import io.orcagent.plugins.seedsupport.testing.BundledLibraries;
import io.orcagent.runtime.plugins.PluginState;
import io.orcagent.testkit.PluginHarness;
import io.orcagent.testkit.TestingPluginContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin loaded from this module's build output, with seed-support in its {@code lib/}, through the
 * agent's own PF4J host and isolating class loader: what an operator's agent does with the zip.
 */
class MydumperPluginLoadingTest {

    private static final Path TARGET = Path.of("target");

    @TempDir
    Path temp;

    @Test
    void theMethodIsNotOfferedUnlessEnabled() throws Exception {
        try (PluginHarness harness = load(TestingPluginContext.builder())) {
            assertThat(harness.snapshot().availableSeedMethods()).doesNotContainKey("Mydumper");
        }
    }

    @Test
    void anEnabledSectionOffersTheMethod() throws Exception {
        try (PluginHarness harness = load(TestingPluginContext.builder().set("enabled", true)
                .set("mydumper-addtional-opts", List.of("--threads 2", "--routines")))) {
            assertThat(harness.status().state()).isEqualTo(PluginState.STARTED);
            assertThat(harness.snapshot().availableSeedMethods())
                    .containsEntry("Mydumper", new SeedMethodInfo(Side.TARGET, false, SeedMethodInfo.ALL_ENGINES));
        }
    }

    @Test
    void aReservedLoaderOptionMarksThePluginMisconfigured() throws Exception {
        try (PluginHarness harness = load(TestingPluginContext.builder().set("enabled", true)
                .set("myloader-additional-opts", List.of("--directory=/tmp/elsewhere")))) {
            assertThat(harness.status().state()).isEqualTo(PluginState.MISCONFIGURED);
            assertThat(harness.status().error()).contains("myloader-additional-opts").contains("--directory");
        }
    }

    private PluginHarness load(TestingPluginContext.Builder context) throws Exception {
        return PluginHarness.loadBuildOutput(TARGET, context, BundledLibraries.seedSupportJar(temp));
    }
}
