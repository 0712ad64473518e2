package io.orcagent.plugins.lvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.ConfigException;
import io.orcagent.testkit.TestingPluginContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LvmSettingsTest {

    private static LvmSettings read(Map<String, Object> section) throws ConfigException {
        TestingPluginContext.Builder builder = TestingPluginContext.builder();
        section.forEach(builder::set);
        return LvmSettings.read(builder.build("lvm").config());
    }

    @Test
    void anEmptySectionSelectsLvmWithTheGoDefaults() throws Exception {
        LvmSettings settings = read(Map.of());

        assertThat(settings).isEqualTo(new LvmSettings(ProviderKind.LVM, "", "", false, Optional.empty(), Optional.empty(),
                Duration.ofMinutes(15), "mysql:mysql", List.of(), "", ""));
    }

    @Test
    void everyGoKeyAndEveryNewKeyIsKnown() throws Exception {
        TestingPluginContext context = TestingPluginContext.builder()
                .set("create-snapshot-command", "/usr/local/bin/snapshot-mysql")
                .set("available-local-snapshot-hosts-command", "echo db1")
                .set("available-snapshot-hosts-command", "echo db1 db2")
                .set("snapshot-volumes-filter", "mysql_snap")
                .set("create-new-snapshot-for-seed", true)
                .set("socat-use-ssl", true)
                .set("socat-ssl-cert-file", "/etc/ssl/agent.pem")
                .set("socat-ssl-cat-file", "/etc/ssl/ca.pem")
                .set("socat-ssl-skip-verify", false)
                .set("snapshot-provider", "btrfs")
                .set("btrfs-source-subvolume", "/srv/mysql")
                .set("btrfs-snapshot-dir", "/srv/snapshots")
                .set("restore-timeout", "1h30m")
                .set("datadir-owner", "mysql")
                .build("lvm");

        LvmSettings settings = LvmSettings.read(context.config());

        assertThat(context.section().unreadKeys()).isEmpty();
        assertThat(settings.provider()).isEqualTo(ProviderKind.BTRFS);
        assertThat(settings.btrfsSourceSubvolume()).contains(Path.of("/srv/mysql"));
        assertThat(settings.restoreTimeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(settings.supersededKeys())
                .containsExactly("socat-use-ssl", "socat-ssl-skip-verify", "socat-ssl-cert-file", "socat-ssl-cat-file");
    }

    @Test
    void restoreTimeoutAcceptsSecondsAsANumber() throws Exception {
        assertThat(read(Map.of("restore-timeout", 900L)).restoreTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(read(Map.of("restore-timeout", "90s")).restoreTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(read(Map.of("restore-timeout", "1.5h")).restoreTimeout()).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void aRestoreTimeoutThatIsNoDurationIsRefused() {
        assertThatThrownBy(() -> read(Map.of("restore-timeout", "soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be a duration")
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("restore-timeout");
        assertThatThrownBy(() -> read(Map.of("restore-timeout", "0s"))).hasMessage("must be longer than zero");
    }

    @Test
    void anUnknownProviderIsRefused() {
        assertThatThrownBy(() -> read(Map.of("snapshot-provider", "zfs")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("must be \"lvm\" or \"btrfs\" (got \"zfs\")");
    }

    @Test
    void btrfsNeedsItsSourceSubvolumeAndSnapshotDirectory() {
        assertThatThrownBy(() -> read(Map.of("snapshot-provider", "btrfs", "btrfs-snapshot-dir", "/srv/snapshots")))
                .hasMessage("must be set when snapshot-provider is \"btrfs\"")
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("btrfs-source-subvolume");
        assertThatThrownBy(() -> read(Map.of("snapshot-provider", "btrfs", "btrfs-source-subvolume", "/srv/mysql")))
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("btrfs-snapshot-dir");
    }

    @Test
    void btrfsPathsMustBeAbsoluteAndNotRoot() {
        assertThatThrownBy(() -> read(Map.of("btrfs-source-subvolume", "srv/mysql"))).hasMessage("must be an absolute path");
        assertThatThrownBy(() -> read(Map.of("btrfs-snapshot-dir", "/"))).hasMessage("must not be /");
    }

    @Test
    void aFreshSnapshotPerSeedOnLvmNeedsTheOperatorsCommand() {
        assertThatThrownBy(() -> read(Map.of("create-new-snapshot-for-seed", true)))
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("create-new-snapshot-for-seed");
    }

    @Test
    void theDatadirOwnerMustBeAUserOrUserAndGroupOrEmpty() throws Exception {
        assertThat(read(Map.of("datadir-owner", "")).datadirOwner()).isEmpty();
        assertThat(read(Map.of("datadir-owner", "mysql:mysql")).datadirOwner()).isEqualTo("mysql:mysql");
        assertThatThrownBy(() -> read(Map.of("datadir-owner", "--reference=/etc"))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> read(Map.of("datadir-owner", "mysql mysql"))).isInstanceOf(ConfigException.class);
    }

    @Test
    void aWrongTypeNamesTheKey() {
        assertThatThrownBy(() -> read(Map.of("create-new-snapshot-for-seed", "yes")))
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("create-new-snapshot-for-seed");
    }
}
