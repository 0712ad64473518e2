package io.orcagent.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.Command;
import io.orcagent.api.CommandFailedException;
import io.orcagent.api.CommandResult;
import io.orcagent.api.RunningCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCommandRunnerTest {

    @TempDir
    Path dir;

    final ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor(), Duration.ofSeconds(2));

    @AfterEach
    void killLeftovers() {
        runner.shutdown();
    }

    @Test
    void argumentsWithShellMetacharactersReachTheProgramVerbatim() throws Exception {
        Path marker = dir.resolve("X");
        List<String> hostile = List.of("$(touch " + marker + "); rm -rf", "`touch " + marker + "`", "a|b > c", "*", "'\"");
        CommandResult result = runner.runChecked(Command.of(List.of("printf", "%s\\n",
                hostile.get(0), hostile.get(1), hostile.get(2), hostile.get(3), hostile.get(4))).inDirectory(dir));
        assertThat(result.stdout()).isEqualTo(String.join("\n", hostile) + "\n");
        assertThat(marker).doesNotExist();
        assertThat(dir.resolve("c")).doesNotExist();
    }

    @Test
    void aFailedCommandCarriesTheEndOfItsStderrInTheException() {
        Command noisy = Command.of("sh", "-c", "for i in $(seq 1 100); do echo problem$i >&2; done; exit 3");
        assertThatThrownBy(() -> runner.runChecked(noisy))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.stderrTail()).endsWith("problem100").contains("problem61\n")
                            .doesNotContain("problem60\n");
                    assertThat(e.getMessage()).contains("sh exited with 3").contains("problem100");
                });
    }

    @Test
    void aProgramThatDoesNotExistFailsToStart() {
        assertThatThrownBy(() -> runner.runChecked(Command.of("no-such-program-orcagent")))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.exitCode()).isEqualTo(-1));
    }

    @Test
    void aTimeoutKillsTheProcess() throws Exception {
        CommandResult result = runner.run(Command.of("sleep", "1000").timeout(Duration.ofMillis(200)));
        assertThat(result.killed()).isTrue();
        assertThat(result.exitCode()).isEqualTo(128 + 15);
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void killingAParentKillsEveryDescendant() throws Exception {
        RunningCommand running = runner.start(Command.of("sh", "-c", "sleep 7001 & sleep 7001 & wait"));
        List<ProcessHandle> descendants = awaitDescendants(running.pid(), 2);
        running.kill();
        assertThat(descendants).noneMatch(ProcessTree::running);
        assertThat(ProcessHandle.of(running.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(running.await().killed()).isTrue();
        assertThat(processesRunning("sleep 7001")).isEmpty();
    }

    @Test
    void aShellRunningCommandsInSequenceStartsNoFurtherCommandOnceKilled() throws Exception {
        RunningCommand running = runner.start(Command.of("sh", "-c", "sleep 7003; sleep 7003; sleep 7003"));
        awaitDescendants(running.pid(), 1);
        running.kill();
        running.await();
        Thread.sleep(200);
        assertThat(processesRunning("sleep 7003")).isEmpty();
    }

    @Test
    void aTreeThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
        RunningCommand running = runner.start(Command.of("sh", "-c", "trap '' TERM; sleep 7002 & wait; sleep 7002"));
        List<ProcessHandle> descendants = awaitDescendants(running.pid(), 1);
        running.kill();
        assertThat(descendants).noneMatch(ProcessTree::running);
        assertThat(running.await().exitCode()).isEqualTo(128 + 9);
        Thread.sleep(200);
        assertThat(processesRunning("sleep 7002")).isEmpty();
    }

    @Test
    void stdoutCanBeAppendedToAFile() throws Exception {
        Path out = dir.resolve("out.txt");
        Files.writeString(out, "first\n");
        runner.runChecked(Command.of("echo", "second").stdoutTo(out, true));
        assertThat(out).hasContent("first\nsecond\n");
    }

    @Test
    void stdoutToAFileWithoutAppendReplacesIt() throws Exception {
        Path out = dir.resolve("out.txt");
        Files.writeString(out, "old content\n");
        CommandResult result = runner.runChecked(Command.of("echo", "new").stdoutTo(out, false));
        assertThat(out).hasContent("new\n");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void stdinCanComeFromAFile() throws Exception {
        Path in = dir.resolve("in.txt");
        Files.writeString(in, "from a file\n");
        assertThat(runner.runChecked(Command.of("cat").stdinFrom(in)).stdout()).isEqualTo("from a file\n");
    }

    @Test
    void environmentAndWorkingDirectoryApply() throws Exception {
        CommandResult result = runner.runChecked(Command.of("sh", "-c", "echo \"$ORCAGENT_TEST\"; pwd")
                .environment(Map.of("ORCAGENT_TEST", "value with spaces")).inDirectory(dir));
        assertThat(result.stdout()).isEqualTo("value with spaces\n" + dir.toRealPath() + "\n");
    }

    @Test
    void aProcessKilledBySomeoneElseExitsWith128PlusTheSignal() throws Exception {
        CommandResult result = runner.run(Command.of("sh", "-c", "kill -KILL $$"));
        assertThat(result.exitCode()).isEqualTo(128 + 9);
        assertThat(result.killed()).isFalse();
    }

    @Test
    void theCallerCanWriteStdinAndReadStdout() throws Exception {
        try (RunningCommand running = runner.start(Command.of("tr", "a-z", "A-Z"))) {
            try (OutputStream stdin = running.stdin()) {
                stdin.write("hello\n".getBytes(StandardCharsets.UTF_8));
            }
            InputStream stdout = running.stdout();
            assertThat(new String(stdout.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("HELLO\n");
            CommandResult result = running.await();
            assertThat(result.exitCode()).isZero();
            assertThat(result.stdout()).isEmpty();
        }
    }

    @Test
    void stdinNobodyWritesIsClosedSoTheProcessSeesEndOfFile() throws Exception {
        CommandResult result = runner.run(Command.of("cat").timeout(Duration.ofSeconds(30)));
        assertThat(result.killed()).isFalse();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void collectedStdoutStopsAtFourMebibytesWhileTheProcessStillFinishes() throws Exception {
        CommandResult result = runner.runChecked(Command.of("head", "-c", "5000000", "/dev/zero"));
        assertThat(result.stdout()).hasSize(4 * 1024 * 1024);
    }

    @Test
    void interruptingAwaitKillsTheProcess() throws Exception {
        RunningCommand running = runner.start(Command.of("sleep", "1000"));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                running.await();
            } catch (InterruptedException e) {
                thrown.set(e);
            }
        });
        Thread.sleep(100);
        waiter.interrupt();
        waiter.join();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(ProcessHandle.of(running.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void shutdownKillsEverythingStillRunningAndRefusesNewProcesses() throws Exception {
        RunningCommand one = runner.start(Command.of("sleep", "1000"));
        RunningCommand two = runner.start(Command.of("sh", "-c", "sleep 1000 & wait"));
        List<ProcessHandle> grandchildren = awaitDescendants(two.pid(), 1);
        assertThat(runner.runningCount()).isEqualTo(2);
        runner.shutdown();
        assertThat(one.await().killed()).isTrue();
        assertThat(two.await().killed()).isTrue();
        assertThat(grandchildren).noneMatch(ProcessTree::running);
        assertThat(runner.runningCount()).isZero();
        assertThatThrownBy(() -> runner.start(Command.of("true"))).isInstanceOf(IOException.class)
                .hasMessageContaining("shutting down");
    }

    /** Live processes whose command line contains a marker unique to one test. */
    static List<ProcessHandle> processesRunning(String marker) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(marker))
                .toList();
    }

    static List<ProcessHandle> awaitDescendants(long pid, int count) throws InterruptedException {
        ProcessHandle root = ProcessHandle.of(pid).orElseThrow();
        for (int i = 0; i < 200; i++) {
            List<ProcessHandle> descendants = root.descendants().toList();
            if (descendants.size() >= count) {
                return descendants;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("process " + pid + " did not start " + count + " children");
    }
}
