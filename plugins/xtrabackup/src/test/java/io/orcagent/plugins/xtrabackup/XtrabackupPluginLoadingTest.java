package io.orcagent.plugins.xtrabackup;

import static org.assertj.core.api.Assertions.assertThat;

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
class XtrabackupPluginLoadingTest {

    private static final Path TARGET = Path.of("target");

    @TempDir
    Path temp;

    @Test
    void theMethodIsDisabledUnlessTheSectionEnablesIt() throws Exception {
        try (PluginHarness harness = load(TestingPluginContext.builder())) {
            assertThat(harness.status().state()).isEqualTo(PluginState.DISABLED);
            assertThat(harness.status().seedMethods()).containsExactly(new SeedMethodStatus("Xtrabackup", false, false,
                    "disabled by default: set enabled = true in [xtrabackup]"));
        }
    }

    @Test
    void anEnabledMethodNeedsTheRuntimesTransferService() throws Exception {
        try (PluginHarness harness = load(TestingPluginContext.builder().set("enabled", true)
                )) {
            assertThat(harness.status().state()).isEqualTo(PluginState.STARTED);
            assertThat(harness.status().seedMethods()).containsExactly(new SeedMethodStatus("Xtrabackup", true, false,
                    "this agent offers no transfer service, which the Xtrabackup method streams through"));
        }
    }

    @Test
    void aReservedOptionMarksThePluginMisconfiguredWithTheReason() throws Exception {
        try (PluginHarness harness = load(TestingPluginContext.builder().set("enabled", true)
                .set("xtrabackup-addtional-opts", List.of("--parallel=4", "--target-dir=/tmp/elsewhere")))) {
            assertThat(harness.status().state()).isEqualTo(PluginState.MISCONFIGURED);
            assertThat(harness.status().error()).contains("xtrabackup-addtional-opts").contains("--target-dir");
        }
    }

    @Test
    void aMisspeltKeyMarksThePluginMisconfigured() throws Exception {
        try (PluginHarness harness = load(TestingPluginContext.builder().set("enabled", true)
                .set("restore-timout", "10m"))) {
            assertThat(harness.status().state()).isEqualTo(PluginState.MISCONFIGURED);
            assertThat(harness.status().error()).contains("restore-timout");
        }
    }

    @Test
    void aMissingBackupToolMakesTheMethodUnavailableWithTheReason() throws Exception {
        try (PluginHarness harness = load(TestingPluginContext.builder().set("enabled", true)
                .set("backup-command", "no-such-xtrabackup")
                )) {
            assertThat(harness.status().seedMethods()).containsExactly(new SeedMethodStatus("Xtrabackup", true, false,
                    "no-such-xtrabackup not found: install percona-xtrabackup"));
        }
    }

    @Test
    void aMissingStreamExtractorMakesTheMethodUnavailableWithTheReason() throws Exception {
        try (PluginHarness harness = load(TestingPluginContext.builder().set("enabled", true)
                .set("stream-extractor", "no-such-mbstream")
                )) {
            assertThat(harness.status().seedMethods()).containsExactly(new SeedMethodStatus("Xtrabackup", true, false,
                    "no-such-mbstream not found: install mariadb-backup"));
        }
    }

    private PluginHarness load(TestingPluginContext.Builder context) throws Exception {
        return PluginHarness.loadBuildOutput(TARGET, context, BundledLibraries.seedSupportJar(temp));
    }
}
