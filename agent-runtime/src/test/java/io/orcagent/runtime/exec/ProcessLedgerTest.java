package io.orcagent.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.orcagent.api.Command;
import io.orcagent.api.RunningCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessLedgerTest {

    private static final Duration GRACE = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private Process unrelated;

    @AfterEach
    void stopUnrelated() {
        if (unrelated != null) {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void aProcessLeftRunningByAnEarlierRunnerIsStoppedWithItsChildren() throws Exception {
        Path ledgerDir = dir.resolve("processes");
        // the earlier agent: it starts a shell with a child, then is gone without shutting its runner down
        ProcessCommandRunner earlier = new ProcessCommandRunner(new LocalCommandExecutor(), GRACE, ProcessLedger.in(ledgerDir));
        RunningCommand shell = earlier.start(Command.of("sh", "-c", "sleep 300 & wait"));
        ProcessHandle sleep = awaitChild(shell.pid());
        assertThat(Files.list(ledgerDir)).hasSize(1);

        List<String> stopped = ProcessLedger.in(ledgerDir).stopLeftovers(GRACE);

        assertThat(stopped).containsExactly("sh (pid " + shell.pid() + ")");
        assertThat(ProcessHandle.of(shell.pid()).filter(ProcessTree::running)).isEmpty();
        assertThat(ProcessTree.running(sleep)).isFalse();
        assertThat(Files.list(ledgerDir)).isEmpty();
    }

    @Test
    void aRecordedPidNowUsedByAnotherProcessIsNeverSignalled() throws Exception {
        Path ledgerDir = Files.createDirectories(dir.resolve("processes"));
        unrelated = new ProcessBuilder("sleep", "300").start();
        long otherStart = unrelated.toHandle().info().startInstant().orElseThrow().toEpochMilli() - 60_000;
        Files.writeString(ledgerDir.resolve(Long.toString(unrelated.pid())), otherStart + " mariadb-dump\n");

        assertThat(ProcessLedger.in(ledgerDir).stopLeftovers(GRACE)).isEmpty();

        assertThat(unrelated.isAlive()).isTrue();
        assertThat(Files.list(ledgerDir)).isEmpty();
    }

    @Test
    void aProcessIsForgottenOnceItEnds() throws Exception {
        Path ledgerDir = dir.resolve("processes");
        ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor(), GRACE, ProcessLedger.in(ledgerDir));
        runner.runChecked(Command.of("true"));
        Instant deadline = Instant.now().plusSeconds(10);
        while (Files.list(ledgerDir).findAny().isPresent() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(Files.list(ledgerDir)).isEmpty();
    }

    @Test
    void aRunnerWithoutALedgerRecordsNothing() throws Exception {
        ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor(), GRACE);
        runner.runChecked(Command.of("true"));
        assertThat(ProcessLedger.NONE.stopLeftovers(GRACE)).isEmpty();
        assertThat(Files.list(dir)).isEmpty();
    }

    private static ProcessHandle awaitChild(long pid) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            var child = ProcessHandle.of(pid).flatMap(p -> p.children().findFirst());
            if (child.isPresent()) {
                return child.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the shell started no child");
    }
}
