package io.orcagent.plugins.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MountTableTest {

    private final MountTable table = MountTable.parse(Recorded.text("mounts"));

    @Test
    void aMountPointWithASpaceIsMatchedExactly() {
        assertThat(table.at(Path.of("/var/backups/orchestrator agent"))).get()
                .extracting(MountTable.MountEntry::device).isEqualTo("/dev/mapper/vg0-mysql_snap_0501");
    }

    @Test
    void aPrefixOrExtensionOfAMountPointIsNotIt() {
        assertThat(table.at(Path.of("/var/backups/orchestrator"))).isEmpty();
        assertThat(table.at(Path.of("/var/backups"))).isEmpty();
        assertThat(table.at(Path.of("/var/lib/mysql/data"))).isEmpty();
    }

    @Test
    void theTopmostOfStackedMountsWins() {
        MountTable stacked = MountTable.parse("/dev/sda1 /mnt ext4 rw 0 0\n/dev/loop0 /mnt btrfs ro,subvol=/snap 0 0\n");

        assertThat(stacked.at(Path.of("/mnt"))).get().extracting(MountTable.MountEntry::device).isEqualTo("/dev/loop0");
    }

    @Test
    void containingFindsTheFilesystemAPathIsOn() {
        assertThat(table.containing(Path.of("/var/lib/mysql/ibdata1"))).get()
                .extracting(MountTable.MountEntry::mountPoint).isEqualTo("/var/lib/mysql");
        assertThat(table.containing(Path.of("/etc/hosts"))).get()
                .extracting(MountTable.MountEntry::mountPoint).isEqualTo("/");
    }

    @Test
    void optionsAreReadByName() {
        MountTable.MountEntry entry = MountTable.parse("/dev/loop0 /mnt btrfs ro,subvolid=257,subvol=/snapshots/s\\0401 0 0")
                .at(Path.of("/mnt")).orElseThrow();

        assertThat(entry.option("subvol")).contains("/snapshots/s 1");
        assertThat(entry.option("subvolid")).contains("257");
        assertThat(entry.option("nouuid")).isEmpty();
    }

    @Test
    void shortLinesAreSkipped() {
        assertThat(MountTable.parse("garbage\n\n/dev/x /y\n").at(Path.of("/y"))).isEmpty();
    }
}
