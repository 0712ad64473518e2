package io.orcagent.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.CommandFailedException;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import io.orcagent.runtime.exec.ShellCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandOutputLinesTest {

    final ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor());
    final CommandOutputLines output = new CommandOutputLines(new ShellCommand(runner));

    @AfterEach
    void stopRunner() {
        runner.shutdown();
    }

    @Test
    void eachOutputLineBecomesOneEntry() throws Exception {
        assertThat(output.lines("printf '\\ndb-2.dc1\\ndb-3.dc2\\n\\n'")).containsExactly("db-2.dc1", "db-3.dc2");
    }

    @Test
    void emptyOutputGivesOneEmptyStringLikeTheGoAgent() throws Exception {
        assertThat(output.lines("true")).containsExactly("");
    }

    @Test
    void aBlankCommandGivesOneEmptyStringWithoutRunningAnything() throws Exception {
        assertThat(output.lines("")).containsExactly("");
    }

    @Test
    void aFailingCommandIsAnError() {
        assertThatThrownBy(() -> output.lines("echo no snapshots >&2; exit 2"))
                .isInstanceOf(CommandFailedException.class).hasMessageContaining("no snapshots");
    }
}
