package io.orcagent.plugins.seedsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.orcagent.api.Availability;
import io.orcagent.plugins.seedsupport.testing.LocalCommandRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolProbeTest {

    private final ToolProbe probe = new ToolProbe(new LocalCommandRunner());

    @Test
    void installedToolsAreUsable() {
        assertThat(probe.allAnswerVersion(List.of("mariadb-dump", "mariadb"), "install mariadb-client"))
                .isEqualTo(Availability.usable());
    }

    @Test
    void aMissingToolIsReportedWithTheInstallHint() {
        Availability availability = probe.allAnswerVersion(List.of("mariadb", "no-such-dump-tool"),
                "install mariadb-client or mysql-client");
        assertThat(availability.available()).isFalse();
        assertThat(availability.reason())
                .isEqualTo("no-such-dump-tool not found: install mariadb-client or mysql-client");
    }

    @Test
    void aToolWhoseVersionFailsIsReportedWithItsExitCode() {
        Availability availability = probe.allAnswerVersion(List.of("false"), "install it");
        assertThat(availability.available()).isFalse();
        assertThat(availability.reason()).startsWith("false --version exited with 1");
    }

    @Test
    void theVersionTextNamesTheDistribution() {
        assertThat(probe.versionText("mariadb-dump")).contains("MariaDB");
    }
}
