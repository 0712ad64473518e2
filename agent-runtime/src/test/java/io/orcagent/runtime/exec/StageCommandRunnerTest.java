package io.orcagent.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.Command;
import io.orcagent.api.RunningCommand;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StageCommandRunnerTest {

    final ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor(), Duration.ofSeconds(2));

    @AfterEach
    void killLeftovers() {
        runner.shutdown();
    }

    @Test
    void killAllKillsEveryProcessTreeTheScopeStarted() throws Exception {
        StageCommandRunner stage = runner.newScope("seed 1 Backup");
        RunningCommand first = stage.start(Command.of("sh", "-c", "sleep 1000 & sleep 1000 & wait"));
        RunningCommand second = stage.start(Command.of("sleep", "1000"));
        List<ProcessHandle> tree = new ArrayList<>(ProcessCommandRunnerTest.awaitDescendants(first.pid(), 2));
        tree.add(ProcessHandle.of(first.pid()).orElseThrow());
        tree.add(ProcessHandle.of(second.pid()).orElseThrow());
        assertThat(stage.anyAlive()).isTrue();

        stage.killAll();

        assertThat(tree).noneMatch(ProcessTree::running);
        assertThat(stage.anyAlive()).isFalse();
        assertThat(first.await().killed()).isTrue();
        assertThat(second.await().killed()).isTrue();
    }

    @Test
    void anAbortedScopeStartsNothingMore() {
        StageCommandRunner stage = runner.newScope("seed 2 Restore");
        stage.killAll();
        assertThat(stage.aborted()).isTrue();
        assertThatThrownBy(() -> stage.start(Command.of("true"))).isInstanceOf(IOException.class)
                .hasMessageContaining("seed 2 Restore was aborted");
    }

    @Test
    void anyAliveTurnsFalseWhenTheProcessesEndOnTheirOwn() throws Exception {
        StageCommandRunner stage = runner.newScope("seed 3 Prepare");
        stage.run(Command.of("true"));
        assertThat(stage.anyAlive()).isFalse();
        assertThat(stage.aborted()).isFalse();
    }

    @Test
    void killAllLeavesProcessesOfOtherScopesRunning() throws Exception {
        StageCommandRunner aborted = runner.newScope("seed 4 Backup");
        StageCommandRunner other = runner.newScope("seed 5 Backup");
        aborted.start(Command.of("sleep", "1000"));
        RunningCommand survivor = other.start(Command.of("sleep", "1000"));
        aborted.killAll();
        assertThat(ProcessHandle.of(survivor.pid()).map(ProcessHandle::isAlive).orElse(false)).isTrue();
        assertThat(other.anyAlive()).isTrue();
        other.killAll();
    }
}
