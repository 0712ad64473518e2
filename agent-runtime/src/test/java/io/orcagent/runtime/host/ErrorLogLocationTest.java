package io.orcagent.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SandboxSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error log is found while MySQL is down: the last file the server named, else the server's option
 * files read with the real {@code my_print_defaults} and resolved by the server's rules, checked against
 * where a real MariaDB server started with the same options writes its log.
 */
class ErrorLogLocationTest {

    @TempDir
    static Path dir;

    static final ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor());

    @AfterAll
    static void stopRunner() {
        runner.shutdown();
    }

    @Test
    void theLastFileTheServerNamedIsKeptWhileItIsDown() throws Exception {
        try (MariaDbSandbox server = start("kept", "--log-error=kept")) {
            ErrorLogLocation location = location(server, dir.resolve("no-such.cnf"));
            Path named = location.current();
            assertThat(named).isEqualTo(server.datadir().resolve("kept.err")).isRegularFile();

            server.stop();

            assertThat(location.current()).isEqualTo(named);
        }
    }

    @Test
    void aRelativeLogErrorInTheOptionFilesIsResolvedInTheirDatadirAsTheServerDoes() throws Exception {
        Path serverSays;
        Path options;
        try (MariaDbSandbox server = start("relative", "--log-error=relative")) {
            serverSays = location(server, dir.resolve("no-such.cnf")).current();
            options = optionFile("relative.cnf", "[mysqld]", "datadir = " + server.datadir(), "loose_log_error = relative");
            server.stop();
            assertThat(location(server, options).current()).isEqualTo(serverSays).isRegularFile();
        }
    }

    @Test
    void aLogErrorWithoutAFileNameIsNamedAfterThePidFileAsTheServerDoes() throws Exception {
        try (MariaDbSandbox server = start("unnamed", "--log-error")) {
            Path serverSays = location(server, dir.resolve("no-such.cnf")).current();
            Path options = optionFile("unnamed.cnf", "[mysqld]", "datadir=" + server.datadir(),
                    "pid-file=" + server.settings().directory().resolve("mariadbd.pid"), "log-error");
            server.stop();
            assertThat(serverSays).isEqualTo(server.settings().directory().resolve("mariadbd.err"));
            assertThat(location(server, options).current()).isEqualTo(serverSays).isRegularFile();
        }
    }

    @Test
    void optionFilesWithoutLogErrorGiveAClearError() throws Exception {
        Path options = optionFile("stderr.cnf", "[mysqld]", "datadir=/var/lib/mysql", "[client]", "log-error=/x.err");
        ErrorLogLocation location = new ErrorLogLocation(unreachable(), new ServerOptionFiles(runner, Optional.of(options)),
                () -> Path.of("/var/lib/mysql"), () -> "db1");

        assertThatThrownBy(location::current).isInstanceOf(IOException.class)
                .hasMessageContaining("MySQL cannot be asked for its error log")
                .hasMessageContaining(options + " set no log-error (errors go to stderr)");
    }

    private static MariaDbSandbox start(String name, String logError) throws Exception {
        return MariaDbSandbox.start(SandboxSettings.of(dir.resolve(name), "127.0.0.2", MariaDbSandbox.freePort("127.0.0.2"),
                1).withServerArgs(List.of(logError)));
    }

    private static ErrorLogLocation location(MariaDbSandbox server, Path optionFile) {
        return new ErrorLogLocation(new MysqlFacts(server.dataSource()),
                new ServerOptionFiles(runner, Optional.of(optionFile)), () -> Path.of("/nonexistent"),
                ErrorLogLocation::systemHostName);
    }

    private static MysqlFacts unreachable() throws Exception {
        SandboxSettings nowhere = SandboxSettings.of(dir.resolve("nowhere"), "127.0.0.2",
                MariaDbSandbox.freePort("127.0.0.2"), 1);
        com.mysql.cj.jdbc.MysqlDataSource dataSource = new com.mysql.cj.jdbc.MysqlDataSource();
        dataSource.setURL("jdbc:mysql://127.0.0.2:" + nowhere.port() + "/");
        return new MysqlFacts(dataSource);
    }

    private static Path optionFile(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }
}
