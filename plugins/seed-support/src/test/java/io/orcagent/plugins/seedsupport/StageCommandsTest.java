package io.orcagent.plugins.seedsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.Command;
import io.orcagent.api.CommandFailedException;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.api.StageAbortedException;
import io.orcagent.plugins.seedsupport.testing.TestStageContext;
import io.orcagent.testkit.ToolGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageCommandsTest {

    private final TestStageContext stage = TestStageContext.of(7, Stage.BACKUP, Side.TARGET);

    @Test
    void aFailingToolReportsItsStderrTail() {
        Command failing = Command.of("sh", "-c", "echo 'Got error: 1045 Access denied' >&2; exit 2");
        assertThatThrownBy(() -> StageCommands.runWithProgress(stage, failing, () -> 0, -1))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("Got error: 1045 Access denied");
                });
    }

    @Test
    void aToolThatExplainsItsFailureOnStdoutIsQuotedFromThere() {
        Command failing = Command.of("sh", "-c", "echo 'option parsing failed: --threads'; exit 1");
        assertThatThrownBy(() -> StageCommands.runWithProgress(stage, failing, () -> 0, -1))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("option parsing failed");
    }

    @Test
    void aMissingProgramFailsAsNotStarted() {
        assertThatThrownBy(() -> StageCommands.runWithProgress(stage, Command.of("no-such-tool-x"), () -> 0, -1))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.exitCode()).isEqualTo(-1));
    }

    @Test
    void anAbortedStageEndsWithStageAborted(@TempDir Path dir) throws Exception {
        ToolGate gate = ToolGate.in(dir);
        try (ExecutorService stageThread = Executors.newSingleThreadExecutor()) {
            Future<?> outcome = stageThread.submit(() ->
                    StageCommands.runWithProgress(stage, Command.of("sh", "-c", gate.shellLine()), () -> 0, -1));
            try {
                // the command runs and cannot finish: it waits at the gate the test never opens
                gate.awaitArrival(Duration.ofSeconds(60));
                assertThat(outcome).isNotDone();

                stage.abort();

                assertThatThrownBy(() -> outcome.get(60, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(StageAbortedException.class);
            } finally {
                stage.abort();
                gate.close();
            }
        }
    }

    @Test
    void progressIsReportedFromTheOutputFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Command writer = Command.of("sh", "-c", "head -c 300000 /dev/zero; sleep 3").stdoutTo(out, false);
        StageCommands.runWithProgress(stage, writer, () -> sizeOf(out), -1);
        assertThat(stage.recorded().reports()).isNotEmpty();
        assertThat(stage.recorded().reports().getLast().done()).isEqualTo(300000);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
