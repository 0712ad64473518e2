package io.orcagent.plugins.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.orcagent.api.Availability;
import io.orcagent.plugins.seedsupport.testing.BundledLibraries;
import io.orcagent.runtime.plugins.InvokedSnapshotProvider;
import io.orcagent.runtime.plugins.PluginState;
import io.orcagent.runtime.plugins.SeedMethodStatus;
import io.orcagent.testkit.PluginHarness;
import io.orcagent.testkit.TestingPluginContext;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin loaded from this module's build output, with seed-support in its {@code lib/}, through the
 * agent's own PF4J host and isolating class loader.
 */
class LvmPluginLoadingTest {

    private static final Path TARGET = Path.of("target");

    @TempDir
    Path temp;

    @Test
    void bothProvidersAreOfferedAndTheMethodIsDisabledByDefault() throws Exception {
        try (PluginHarness harness = load(TestingPluginContext.builder())) {
            assertThat(harness.status().state()).isEqualTo(PluginState.STARTED);
            assertThat(harness.status().snapshotProviders()).containsExactlyInAnyOrder("lvm", "btrfs");
            assertThat(harness.status().seedMethods()).containsExactly(new SeedMethodStatus("LVM", false, false,
                    "disabled by default: set enabled = true in [lvm]"));
        }
    }

    @Test
    void anEnabledMethodWithoutTransferServiceIsUnavailableWithTheReason() throws Exception {
        try (PluginHarness harness = load(TestingPluginContext.builder().set("enabled", true))) {
            assertThat(harness.status().seedMethods()).containsExactly(new SeedMethodStatus("LVM", true, false,
                    "this agent offers no transfer service to stream the snapshot"));
        }
    }

    @Test
    void theHostListCommandsAreKnownKeys() throws Exception {
        try (PluginHarness harness = load(TestingPluginContext.builder().set("enabled", true)
                .set("available-local-snapshot-hosts-command", "echo db1")
                .set("available-snapshot-hosts-command", "echo db1 db2")
                .set("socat-use-ssl", true))) {
            assertThat(harness.status().state()).isEqualTo(PluginState.STARTED);
        }
    }

    @Test
    void theProviderThatSnapshotProviderNamesServesTheAgentWithItsFilterAndHostLists() throws Exception {
        try (PluginHarness harness = load(TestingPluginContext.builder().set("enabled", true)
                .set("snapshot-provider", "btrfs")
                .set("btrfs-source-subvolume", temp.toString())
                .set("btrfs-snapshot-dir", temp.toString())
                .set("snapshot-volumes-filter", "mysql")
                .set("available-local-snapshot-hosts-command", "printf 'db1\\n\\n db2 \\n'")
                .set("available-snapshot-hosts-command", "echo db3"))) {
            InvokedSnapshotProvider serving = harness.snapshot().agentSnapshots().orElseThrow();

            assertThat(serving.name()).isEqualTo("btrfs");
            assertThat(serving.agentUse()).isEqualTo(InvokedSnapshotProvider.AgentUse.SNAPSHOTS);
            assertThat(serving.volumesFilter()).isEqualTo("mysql");
            assertThat(serving.localSnapshotHosts()).containsExactly("db1", "db2");
            assertThat(serving.snapshotHosts()).containsExactly("db3");
            assertThat(harness.snapshot().snapshotProvider("lvm").orElseThrow().agentUse())
                    .isEqualTo(InvokedSnapshotProvider.AgentUse.NONE);
        }
    }

    @Test
    void withoutEnabledTheAgentGetsOnlyTheHostListsAsTheGoAgentDid() throws Exception {
        try (PluginHarness harness = load(TestingPluginContext.builder()
                .set("available-snapshot-hosts-command", "echo db3"))) {
            assertThat(harness.snapshot().agentSnapshots()).isEmpty();
            InvokedSnapshotProvider hosts = harness.snapshot().agentSnapshotHosts().orElseThrow();
            assertThat(hosts.name()).isEqualTo("lvm");
            assertThat(hosts.snapshotHosts()).containsExactly("db3");
            assertThat(hosts.localSnapshotHosts()).isEmpty();
        }
    }

    @Test
    void aMisspeltKeyMakesThePluginMisconfigured() throws Exception {
        try (PluginHarness harness = load(TestingPluginContext.builder().set("enabled", true)
                .set("snapshot-volume-filter", "mysql"))) {
            assertThat(harness.status().state()).isEqualTo(PluginState.MISCONFIGURED);
            assertThat(harness.status().error()).contains("snapshot-volume-filter");
        }
    }

    @Test
    void btrfsWithoutItsPathsIsAMisconfigurationNamingTheKey() throws Exception {
        try (PluginHarness harness = load(TestingPluginContext.builder().set("snapshot-provider", "btrfs"))) {
            assertThat(harness.status().state()).isEqualTo(PluginState.MISCONFIGURED);
            assertThat(harness.status().error()).contains("btrfs-source-subvolume");
        }
    }

    @Test
    void theBtrfsProviderProbesThroughTheHost() throws Exception {
        try (PluginHarness harness = load(TestingPluginContext.builder()
                .set("btrfs-source-subvolume", temp.toString())
                .set("btrfs-snapshot-dir", temp.toString()))) {
            Availability availability = harness.snapshot().snapshotProvider("btrfs").orElseThrow().probe();

            assertThat(availability.reason()).startsWith("btrfs-source-subvolume " + temp + " is not a btrfs subvolume");
        }
    }

    private PluginHarness load(TestingPluginContext.Builder context) throws Exception {
        return PluginHarness.loadBuildOutput(TARGET, context, BundledLibraries.seedSupportJar(temp));
    }
}
