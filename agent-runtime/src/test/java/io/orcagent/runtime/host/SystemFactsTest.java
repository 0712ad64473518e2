package io.orcagent.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.orcagent.api.Command;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SystemFactsTest {

    final ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor());

    @AfterEach
    void stopRunner() {
        runner.shutdown();
    }

    @Test
    void theCpuCountIsWhatTheAgentMayUse() {
        assertThat(SystemFacts.detect().numCpu()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void memTotalIsInBytesAsFreeReportsIt() throws Exception {
        String free = runner.runChecked(Command.of("sh", "-c", "free -b | awk '/^Mem:/ {print $2}'")).stdout().trim();
        assertThat(SystemFacts.detect().memTotalBytes()).isEqualTo(Long.parseLong(free));
    }

    @Test
    void theOsNameIsPrettyNameAsTheShellReadsOsRelease() throws Exception {
        String pretty = runner.runChecked(Command.of("sh", "-c", ". /etc/os-release && printf %s \"$PRETTY_NAME\"")).stdout();
        assertThat(SystemFacts.detect().osName()).isEqualTo(pretty).isNotEmpty();
    }

    @Test
    void quotedAndEscapedPrettyNamesAreUnquoted() {
        assertThat(SystemFacts.prettyName(List.of("NAME=x", "PRETTY_NAME=\"Debian \\\"GNU\\\" \\$ Linux\"")))
                .isEqualTo("Debian \"GNU\" $ Linux");
        assertThat(SystemFacts.prettyName(List.of("PRETTY_NAME='Rocky Linux 9'"))).isEqualTo("Rocky Linux 9");
        assertThat(SystemFacts.prettyName(List.of("PRETTY_NAME=Alpine"))).isEqualTo("Alpine");
    }

    @Test
    void withoutPrettyNameTheNameIsUsed() {
        assertThat(SystemFacts.prettyName(List.of("NAME=\"Fedora Linux\"", "VERSION_ID=40"))).isEqualTo("Fedora Linux");
    }

    @Test
    void unreadableFilesLeaveZeroAndEmpty() {
        SystemFacts facts = SystemFacts.read(4, Path.of("/nonexistent/meminfo"), Path.of("/nonexistent/os-release"));
        assertThat(facts).isEqualTo(new SystemFacts(4, 0, ""));
    }
}
