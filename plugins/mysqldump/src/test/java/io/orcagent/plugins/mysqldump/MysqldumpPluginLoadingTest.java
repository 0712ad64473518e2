package io.orcagent.plugins.mysqldump;

import static org.assertj.core.api.Assertions.assertThat;

import io.orcagent.api.SeedMethodInfo;
import io.orcagent.api.Side;
import io.orcagent.plugins.seedsupport.testing.BundledLibraries;
import io.orcagent.runtime.plugins.PluginState;
import io.orcagent.runtime.plugins.SeedMethodStatus;
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
class MysqldumpPluginLoadingTest {

    private static final Path TARGET = Path.of("target");

    @TempDir
    Path temp;

    @Test
    void theMethodIsOfferedWithoutAnySectionInTheConfig() throws Exception {
        try (PluginHarness harness = load(TestingPluginContext.builder())) {
            assertThat(harness.status().state()).isEqualTo(PluginState.STARTED);
            assertThat(harness.snapshot().availableSeedMethods())
                    .containsEntry("Mysqldump", new SeedMethodInfo(Side.TARGET, false, SeedMethodInfo.ALL_ENGINES));
        }
    }

    @Test
    void aReservedOptionMarksThePluginMisconfiguredWithTheReason() throws Exception {
        try (PluginHarness harness = load(TestingPluginContext.builder()
                .set("mysqldump-addtional-opts", List.of("--single-transaction", "-A")))) {
            assertThat(harness.status().state()).isEqualTo(PluginState.MISCONFIGURED);
            assertThat(harness.status().error()).contains("mysqldump-addtional-opts").contains("-A");
        }
    }

    @Test
    void aMisspeltKeyMarksThePluginMisconfigured() throws Exception {
        try (PluginHarness harness = load(TestingPluginContext.builder().set("addtional-ops", List.of("--quick")))) {
            assertThat(harness.status().state()).isEqualTo(PluginState.MISCONFIGURED);
            assertThat(harness.status().error()).contains("addtional-ops");
        }
    }

    @Test
    void aMissingDumpToolMakesTheMethodUnavailableWithTheReason() throws Exception {
        try (PluginHarness harness = load(TestingPluginContext.builder().set("dump-command", "no-such-mysqldump"))) {
            assertThat(harness.status().seedMethods()).containsExactly(new SeedMethodStatus("Mysqldump", true, false,
                    "no-such-mysqldump not found: install mariadb-client or mysql-client"));
        }
    }

    private PluginHarness load(TestingPluginContext.Builder context) throws Exception {
        return PluginHarness.loadBuildOutput(TARGET, context, BundledLibraries.seedSupportJar(temp));
    }
}
