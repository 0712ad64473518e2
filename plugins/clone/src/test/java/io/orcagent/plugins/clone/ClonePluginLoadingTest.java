package io.orcagent.plugins.clone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.orcagent.api.SeedMethodInfo;
import io.orcagent.api.Side;
import io.orcagent.runtime.plugins.PluginState;
import io.orcagent.testkit.PluginHarness;
import io.orcagent.testkit.TestingMysqlAccess;
import io.orcagent.testkit.TestingPluginContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin loaded from this module's build output through the agent's own PF4J host and isolating
 * class loader, as the agent loads the zip.
 */
class ClonePluginLoadingTest {

    private static final Path TARGET = Path.of("target");

    @TempDir
    Path temp;

    @Test
    void theMethodIsNotOfferedUnlessEnabled() throws Exception {
        try (PluginHarness harness = PluginHarness.loadBuildOutput(TARGET, TestingPluginContext.builder())) {
            assertThat(harness.status().id()).isEqualTo("clone_plugin");
            assertThat(harness.status().state()).isEqualTo(PluginState.DISABLED);
            assertThat(harness.snapshot().seedMethods()).isEmpty();
        }
    }

    /** Offered only when the probe passes, which needs MySQL 8: the server here is the recorded one. */
    @Test
    void anEnabledMethodOnARecordedMysql8IsOfferedWithTheGoAgentsMethodOptions() throws Exception {
        RecordingMysql mysql8 = new RecordingMysql()
                .on(CloneProbe.VERSION_QUERY, RecordingMysql.rows(List.of("8.0.36")))
                .on(CloneProbe.PLUGIN_QUERY, RecordingMysql.rows(List.of("ACTIVE")));
        TestingPluginContext.Builder context = TestingPluginContext.builder().set("enabled", true)
                .mysql(new TestingMysqlAccess(mysql8.dataSource(), 3306, "orcagent", "pw", temp.resolve("tmp")));

        try (PluginHarness harness = PluginHarness.loadBuildOutput(TARGET, context)) {
            assertThat(harness.status().state()).isEqualTo(PluginState.STARTED);
            assertThat(harness.snapshot().availableSeedMethods())
                    .containsExactly(entry("ClonePlugin", new SeedMethodInfo(Side.TARGET, true, List.of("InnoDB"))));
            assertThat(harness.context().section().unreadKeys()).isEmpty();
        }
    }

    @Test
    void everyDocumentedKeyIsAccepted() throws Exception {
        try (PluginHarness harness = PluginHarness.loadBuildOutput(TARGET, TestingPluginContext.builder()
                .set("enabled", true).set("clone-autotune-concurrency", true).set("clone-buffer-size", 4_194_304L)
                .set("clone-ddl-timeout", 300L).set("clone-enable-compression", false)
                .set("clone-max-concurrency", 16L).set("clone-max-data-bandwidth", 0L)
                .set("clone-max-network-bandwidth", 0L).set("clone-ssl-ca", "").set("clone-ssl-cert", "")
                .set("clone-ssl-key", "").set("restore-timeout", "15m"))) {
            assertThat(harness.status().state()).isEqualTo(PluginState.STARTED);
        }
    }

    @Test
    void anOutOfRangeValueMakesThePluginMisconfiguredNamingTheKey() throws Exception {
        try (PluginHarness harness = PluginHarness.loadBuildOutput(TARGET,
                TestingPluginContext.builder().set("enabled", true).set("clone-max-concurrency", 0L))) {
            assertThat(harness.status().state()).isEqualTo(PluginState.MISCONFIGURED);
            assertThat(harness.status().error()).isEqualTo(
                    "invalid [clone_plugin] clone-max-concurrency: must be between 1 and 128 threads, got 0");
        }
    }

    @Test
    void aMisspeltKeyMakesThePluginMisconfigured() throws Exception {
        try (PluginHarness harness = PluginHarness.loadBuildOutput(TARGET,
                TestingPluginContext.builder().set("enabled", true).set("clone-max-bandwidth", 10L))) {
            assertThat(harness.status().state()).isEqualTo(PluginState.MISCONFIGURED);
            assertThat(harness.status().error()).isEqualTo("unknown key in [clone_plugin]: clone-max-bandwidth");
        }
    }
}
