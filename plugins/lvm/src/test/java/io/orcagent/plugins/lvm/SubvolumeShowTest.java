package io.orcagent.plugins.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubvolumeShowTest {

    /** btrfs-progs 6.x output for a read-only snapshot, as recorded on this machine. */
    private static final String SNAPSHOT = """
            snapshots/s1
            \tName: \t\t\ts1
            \tUUID: \t\t\tce46cf78-2cdb-9b4b-8961-ac960b93ff68
            \tParent UUID: \t\t4cfad678-ac10-f14e-8835-8aba84113867
            \tReceived UUID: \t\t-
            \tCreation time: \t\t2026-11-22 05:21:59 +0100
            \tSubvolume ID: \t\t257
            \tGeneration: \t\t7
            \tGen at creation: \t7
            \tParent ID: \t\t5
            \tTop level ID: \t\t5
            \tFlags: \t\t\treadonly
            \tSend transid: \t\t0
            \tSend time: \t\t2026-11-22 05:21:59 +0000
            \tReceive transid: \t0
            \tReceive time: \t\t-
            \tSnapshot(s):
            """;

    @Test
    void aSnapshotHasItsParentZonedCreationTimeAndFlags() {
        assertThat(SubvolumeShow.parse(SNAPSHOT, ZoneOffset.UTC)).contains(new SubvolumeShow("s1",
                "ce46cf78-2cdb-9b4b-8961-ac960b93ff68", Optional.of("4cfad678-ac10-f14e-8835-8aba84113867"),
                Optional.of(Instant.parse("2026-11-22T04:21:59Z")), true, 7));
    }

    @Test
    void aPlainSubvolumeHasNoParent() {
        String plain = SNAPSHOT.replace("4cfad678-ac10-f14e-8835-8aba84113867", "-").replace("readonly", "-");

        assertThat(SubvolumeShow.parse(plain, ZoneOffset.UTC)).get().satisfies(s -> {
            assertThat(s.parentUuid()).isEmpty();
            assertThat(s.readOnly()).isFalse();
        });
    }

    @Test
    void outputWithoutNameOrUuidIsNoSubvolume() {
        assertThat(SubvolumeShow.parse("ERROR: Not a Btrfs subvolume: Invalid argument\n", ZoneOffset.UTC)).isEmpty();
        assertThat(SubvolumeShow.parse("", ZoneOffset.UTC)).isEmpty();
    }
}
