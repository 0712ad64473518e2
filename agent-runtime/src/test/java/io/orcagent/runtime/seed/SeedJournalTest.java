package io.orcagent.runtime.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.api.Side;
import io.orcagent.api.Stage;

/**
 * The journal's file: the layout written so far stays the layout (byte for byte), and journals written by
 * earlier versions (before {@code attempt} and {@code cleanedUp}) still load.
 */
class SeedJournalTest {

    @TempDir
    Path state;

    private static final String CURRENT = "{\"seedId\":7,\"method\":\"Mysqldump\",\"side\":\"Target\","
            + "\"currentStage\":\"Backup\",\"attempt\":2,\"cleanedUp\":\"2024-05-01T10:00:00.500Z\",\"stages\":["
            + "{\"stage\":\"Prepare\",\"hostname\":\"db1\",\"timestamp\":\"2024-05-01T09:00:00Z\",\"status\":\"Completed\","
            + "\"details\":\"\",\"done\":0,\"total\":-1,\"rate\":0.0},"
            + "{\"stage\":\"Backup\",\"hostname\":\"db1\",\"timestamp\":\"2024-05-01T09:30:00.123456789Z\","
            + "\"status\":\"Running\",\"details\":\"copying \\\"x\\\"\",\"done\":1024,\"total\":4096,\"rate\":12.5}]}";

    @Test
    void writesTheLayoutEarlierVersionsWrote() throws Exception {
        SeedJournal journal = new SeedJournal(state);
        journal.write(new SeedRecord(7, "Mysqldump", Side.TARGET, Stage.BACKUP, Map.of(
                Stage.BACKUP, new StageState(7, Stage.BACKUP, "db1", Instant.parse("2024-05-01T09:30:00.123456789Z"),
                        StageStatus.Running, "copying \"x\"", new StageState.Progress(1024, 4096, 12.5)),
                Stage.PREPARE, new StageState(7, Stage.PREPARE, "db1", Instant.parse("2024-05-01T09:00:00Z"),
                        StageStatus.Completed, "", StageState.Progress.NONE)),
                2, Optional.of(Instant.parse("2024-05-01T10:00:00.500Z"))));

        assertThat(Files.readString(state.resolve("seed-journal.json"))).isEqualTo(CURRENT);
        SeedRecord back = journal.read().orElseThrow();
        assertThat(back.attempt()).isEqualTo(2);
        assertThat(back.cleanedUp()).contains(Instant.parse("2024-05-01T10:00:00.5Z"));
        assertThat(back.stages().get(Stage.BACKUP).progress()).isEqualTo(new StageState.Progress(1024, 4096, 12.5));
        assertThat(back.stages().get(Stage.BACKUP).details()).isEqualTo("copying \"x\"");
    }

    @Test
    void aJournalWithoutCleanupWritesNoCleanedUpField() throws Exception {
        SeedJournal journal = new SeedJournal(state);
        journal.write(new SeedRecord(9, "Lvm", Side.SOURCE, Stage.PREPARE, Map.of()));

        assertThat(Files.readString(state.resolve("seed-journal.json"))).isEqualTo("{\"seedId\":9,\"method\":\"Lvm\","
                + "\"side\":\"Source\",\"currentStage\":\"Prepare\",\"attempt\":1,\"stages\":[]}");
        assertThat(journal.read().orElseThrow().cleanedUp()).isEmpty();
    }

    @Test
    void aJournalFromBeforeAttemptsAndCleanupLoads() throws Exception {
        Files.writeString(state.resolve("seed-journal.json"), "{\"seedId\":3,\"method\":\"Xtrabackup\","
                + "\"side\":\"Source\",\"currentStage\":\"Backup\",\"stages\":[{\"stage\":\"Backup\",\"hostname\":\"db2\","
                + "\"timestamp\":\"2023-01-02T03:04:05.600Z\",\"status\":\"Running\",\"details\":\"\",\"done\":5,"
                + "\"total\":10,\"rate\":2.5}]}");

        SeedRecord seed = new SeedJournal(state).read().orElseThrow();

        assertThat(seed.seedId()).isEqualTo(3);
        assertThat(seed.method()).isEqualTo("Xtrabackup");
        assertThat(seed.side()).isEqualTo(Side.SOURCE);
        assertThat(seed.currentStage()).isEqualTo(Stage.BACKUP);
        assertThat(seed.attempt()).isEqualTo(1);
        assertThat(seed.cleanedUp()).isEmpty();
        assertThat(seed.stages()).containsOnlyKeys(Stage.BACKUP);
        assertThat(seed.stages().get(Stage.BACKUP)).isEqualTo(new StageState(3, Stage.BACKUP, "db2",
                Instant.parse("2023-01-02T03:04:05.6Z"), StageStatus.Running, "", new StageState.Progress(5, 10, 2.5)));
    }

    @Test
    void unknownFieldsAreIgnoredAndAnUnreadableJournalIsNone() throws Exception {
        Path file = state.resolve("seed-journal.json");
        Files.writeString(file, "{\"seedId\":4,\"method\":\"Mysqldump\",\"side\":\"Target\",\"currentStage\":\"Prepare\","
                + "\"attempt\":3,\"future\":{\"x\":1},\"stages\":[]}");
        assertThat(new SeedJournal(state).read().orElseThrow().attempt()).isEqualTo(3);

        Files.writeString(file, "{\"seedId\":4,\"side\":\"Target\"");
        assertThat(new SeedJournal(state).read()).isEmpty();
        Files.writeString(file, "{\"seedId\":4,\"method\":\"Mysqldump\",\"side\":\"Sideways\",\"currentStage\":\"Prepare\"}");
        assertThat(new SeedJournal(state).read()).isEmpty();
    }
}
