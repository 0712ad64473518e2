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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCommandRunnerTest {

    /** Bounds the waits for a state; reaching the state ends them. */
    static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    final ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor(), Duration.ofSeconds(2));
    /** A sleep no other test (nor another run of this one) starts, to find this test's processes by. */
    final String nap = "sleep " + ThreadLocalRandom.current().nextInt(7_000_000, 8_000_000);

    @AfterEach
    void killLeftovers() {
        runner.shutdown();
        // a process that escaped the runner (an orphan of a failed kill) is no longer in any tree it knows
        processesRunning(nap).forEach(ProcessHandle::destroyForcibly);
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
        RunningCommand running = runner.start(Command.of("sh", "-c", nap + " & " + nap + " & wait"));
        List<ProcessHandle> descendants = awaitDescendants(running.pid(), 2);
        running.kill();
        assertThat(descendants).noneMatch(ProcessTree::running);
        assertThat(running.await().killed()).isTrue();
        assertThat(ProcessHandle.of(running.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        awaitNoneRunning(nap);
    }

    @Test
    void aShellRunningCommandsInSequenceStartsNoFurtherCommandOnceKilled() throws Exception {
        RunningCommand running = runner.start(Command.of("sh", "-c", nap + "; " + nap + "; " + nap));
        awaitDescendants(running.pid(), 1);
        running.kill();
        running.await();
        // a shell that survived would have started the next sleep, which lives for months
        awaitNoneRunning(nap);
    }

    @Test
    void aTreeThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
        RunningCommand running = runner.start(Command.of("sh", "-c", "trap '' TERM; " + nap + " & wait; " + nap));
        List<ProcessHandle> descendants = awaitDescendants(running.pid(), 1);
        running.kill();
        assertThat(descendants).noneMatch(ProcessTree::running);
        assertThat(running.await().exitCode()).isEqualTo(128 + 9);
        awaitNoneRunning(nap);
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
        awaitBlockedInAwait(waiter);
        waiter.interrupt();
        waiter.join();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(running.await().killed()).isTrue();
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
                .filter(ProcessTree::running)
                .toList();
    }

    /** Waits until no process mentions the marker; the limit only bounds a failure. */
    static void awaitNoneRunning(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        List<ProcessHandle> left;
        while (!(left = processesRunning(marker)).isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("still running after " + LIMIT + ": " + left.stream()
                        .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList());
            }
            Thread.sleep(20);
        }
    }

    static List<ProcessHandle> awaitDescendants(long pid, int count) throws InterruptedException {
        ProcessHandle root = ProcessHandle.of(pid).orElseThrow();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            List<ProcessHandle> descendants = root.descendants().toList();
            if (descendants.size() >= count) {
                return descendants;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("process " + pid + " did not start " + count + " children within " + LIMIT);
    }

    /** Waits until the thread is parked inside {@link ProcessRunningCommand#await()}. */
    private static void awaitBlockedInAwait(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (thread.getState() != Thread.State.WAITING || Arrays.stream(thread.getStackTrace()).noneMatch(frame ->
                frame.getClassName().equals(ProcessRunningCommand.class.getName())
                        && frame.getMethodName().equals("await"))) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(thread + " did not block in await() within " + LIMIT + ": "
                        + thread.getState() + " " + Arrays.toString(thread.getStackTrace()));
            }
            Thread.sleep(5);
        }
    }
}
