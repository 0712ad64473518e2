package io.orcagent.plugins.xtrabackup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where {@code @@log_error} points. */
class ServerFactsTest {

    private static final Path DATADIR = Path.of("/var/lib/mysql/");

    @Test
    void aRelativeErrorLogIsInTheDatadir() {
        assertThat(ServerFacts.errorLogPath(DATADIR, "./db2.err")).contains(Path.of("/var/lib/mysql/db2.err"));
    }

    @Test
    void anAbsoluteErrorLogIsKept() {
        assertThat(ServerFacts.errorLogPath(DATADIR, "/var/log/mysql/error.log")).contains(Path.of("/var/log/mysql/error.log"));
    }

    @Test
    void stderrOrNothingMeansNoFile() {
        assertThat(ServerFacts.errorLogPath(DATADIR, "stderr")).isEmpty();
        assertThat(ServerFacts.errorLogPath(DATADIR, "")).isEmpty();
    }
}
