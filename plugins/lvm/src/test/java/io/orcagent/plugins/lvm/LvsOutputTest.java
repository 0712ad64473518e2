package io.orcagent.plugins.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.orcagent.api.Snapshot;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class LvsOutputTest {

    private static final ZoneId LOCAL = ZoneOffset.ofHours(3);

    @Test
    void rowsBecomeVolumesWithTheirGroupPathAndSnapshotFlag() {
        List<Snapshot> volumes = LvsOutput.parse(Recorded.text("lvs-site.out"), "", LOCAL);

        assertThat(volumes).extracting(Snapshot::name, Snapshot::groupName, Snapshot::path, Snapshot::isSnapshot)
                .containsExactly(
                        Tuple.tuple("mysql", "vg0", "/dev/vg0/mysql", false),
                        Tuple.tuple("mysql_snap_0501", "vg0", "/dev/vg0/mysql_snap_0501", true),
                        Tuple.tuple("mysql_snap_0502", "vg0", "/dev/vg0/mysql_snap_0502", true),
                        Tuple.tuple("root", "vg0", "/dev/vg0/root", false),
                        Tuple.tuple("swap", "vg0", "/dev/vg0/swap", false),
                        Tuple.tuple("mysql_thin", "vg1", "/dev/vg1/mysql_thin", false),
                        Tuple.tuple("mysql_thin_snap", "vg1", "/dev/vg1/mysql_thin_snap", true));
    }

    @Test
    void creationTimesKeepThePrintedZone() {
        List<Snapshot> volumes = LvsOutput.parse(Recorded.text("lvs-site.out"), "snap_0502", LOCAL);

        assertThat(volumes).singleElement().extracting(Snapshot::createdAt)
                .isEqualTo(Optional.of(Instant.parse("2024-05-02T00:00:04Z")));
    }

    @Test
    void snapshotPercentHasThirtyTwoBitPrecisionAsOnTheWire() {
        List<Snapshot> volumes = LvsOutput.parse(Recorded.text("lvs-site.out"), "snap_05", LOCAL);

        assertThat(volumes).extracting(Snapshot::snapshotPercent)
                .containsExactly(12.5, (double) Float.parseFloat("3.17"));
        assertThat((double) Float.parseFloat("3.17")).isNotEqualTo(3.17);
    }

    @Test
    void aThinSnapshotWithoutPercentIsASnapshotAtZeroPercent() {
        List<Snapshot> volumes = LvsOutput.parse(Recorded.text("lvs-site.out"), "thin_snap", LOCAL);

        assertThat(volumes).singleElement().satisfies(v -> {
            assertThat(v.isSnapshot()).isTrue();
            assertThat(v.snapshotPercent()).isZero();
        });
    }

    @Test
    void theFilterKeepsNamesContainingIt() {
        assertThat(LvsOutput.parse(Recorded.text("lvs-site.out"), "mysql_snap", LOCAL)).extracting(Snapshot::name)
                .containsExactly("mysql_snap_0501", "mysql_snap_0502");
    }

    @Test
    void malformedRowsAreSkippedAndOddValuesLeaveFieldsEmpty() {
        List<Snapshot> volumes = LvsOutput.parse(Recorded.text("lvs-odd.out"), "", LOCAL);

        assertThat(volumes).extracting(Snapshot::name)
                .containsExactly("mysql_snap_old", "mysql_snap_odd", "mysql_snap_local");
        assertThat(volumes.get(0).createdAt()).isEmpty();
        assertThat(volumes.get(0).snapshotPercent()).isEqualTo(50.0);
        assertThat(volumes.get(1).createdAt()).isEmpty();
        assertThat(volumes.get(1).snapshotPercent()).isZero();
        assertThat(volumes.get(1).isSnapshot()).as("it has an origin").isTrue();
    }

    @Test
    void aTimeWithoutZoneIsLocalTime() {
        List<Snapshot> volumes = LvsOutput.parse(Recorded.text("lvs-odd.out"), "snap_local", LOCAL);

        assertThat(volumes).singleElement().extracting(Snapshot::createdAt)
                .isEqualTo(Optional.of(Instant.parse("2024-04-30T19:00:00Z")));
    }

    @Test
    void emptyOutputIsNoVolumes() {
        assertThat(LvsOutput.parse("", "", LOCAL)).isEmpty();
        assertThat(LvsOutput.parse("\n  \n", "", LOCAL)).isEmpty();
    }

    @Test
    void theNewestDatedSnapshotIsPickedByItsZonedTime() {
        List<Snapshot> volumes = LvsOutput.parse(Recorded.text("lvs-site.out") + Recorded.text("lvs-odd.out"), "", LOCAL);

        // 01:30 +0000 is after 02:00:04 +0200; read without zones (the Go agent) snap_0502 would win
        assertThat(SnapshotChoice.newest(volumes)).get().extracting(Snapshot::path).isEqualTo("/dev/vg1/mysql_thin_snap");
    }

    @Test
    void undatedSnapshotsAreNeverPickedAndTheReasonSaysWhy() {
        List<Snapshot> volumes = LvsOutput.parse(Recorded.text("lvs-undated.out"), "mysql", LOCAL);

        assertThat(SnapshotChoice.newest(volumes)).isEmpty();
        assertThat(SnapshotChoice.noneExplained(volumes, "mysql"))
                .isEqualTo("none of the 2 snapshot(s) matching snapshot-volumes-filter \"mysql\" has a creation time,"
                        + " so the newest cannot be told");
    }
}
