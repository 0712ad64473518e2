package io.orcagent.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.CommandFailedException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellCommandTest {

    @TempDir
    Path dir;

    final ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor());
    final ShellCommand shell = new ShellCommand(runner);

    @AfterEach
    void killLeftovers() {
        runner.shutdown();
    }

    @Test
    void anOperatorLineGetsFullShellSemantics() throws Exception {
        assertThat(shell.runChecked("echo abc | tr a-c x-z && echo done").stdout()).isEqualTo("xyz\ndone\n");
    }

    @Test
    void argumentsArriveAsPositionalParametersAndAreNeverParsedByTheShell() throws Exception {
        Path marker = dir.resolve("X");
        List<String> args = List.of("$(touch " + marker + ")", "two words", ";", "*");
        assertThat(shell.runChecked("printf '[%s]\\n'", args).stdout())
                .isEqualTo("[$(touch " + marker + ")]\n[two words]\n[;]\n[*]\n");
        assertThat(marker).doesNotExist();
    }

    @Test
    void aFailureIsNamedAfterTheFirstWordOfTheLineOnly() {
        assertThatThrownBy(() -> shell.runChecked("false --password=hunter2"))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.program()).isEqualTo("false");
                    assertThat(e.exitCode()).isEqualTo(1);
                    assertThat(e.getMessage()).doesNotContain("hunter2");
                });
    }

    @Test
    void aBlankLineIsRejected() {
        assertThatThrownBy(() -> shell.runChecked("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the configured command is empty");
    }

    @Test
    void runReportsANonZeroExitWithoutThrowing() throws Exception {
        assertThat(shell.run("exit 7").exitCode()).isEqualTo(7);
    }
}
