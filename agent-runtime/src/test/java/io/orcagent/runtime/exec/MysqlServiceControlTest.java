package io.orcagent.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.CommandFailedException;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's service commands driving a real server, as a systemd unit would. */
class MysqlServiceControlTest {

    @TempDir
    static Path dir;

    static final ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor());
    static final ShellCommand shell = new ShellCommand(runner);
    static MysqlServiceControl service;
    static DataSource dataSource;

    @BeforeAll
    static void prepareAServerThatIsStopped() throws Exception {
        Path serverDir = dir.resolve("server");
        SandboxSettings settings = SandboxSettings.of(serverDir, "127.0.0.2", MariaDbSandbox.freePort("127.0.0.2"), 1);
        MariaDbSandbox initialised = MariaDbSandbox.start(settings);
        initialised.stop();
        dataSource = initialised.dataSource();
        String pidFile = quote(serverDir.resolve("mariadbd.pid").toString());
        String start = MariaDbSandbox.serverArgv(settings).stream().map(MysqlServiceControlTest::quote)
                .collect(Collectors.joining(" ")) + " >/dev/null 2>&1 &";
        String stop = "kill $(cat " + pidFile + ") && while [ -e " + pidFile + " ]; do sleep 0.1; done";
        String status = "[ -e " + pidFile + " ] && kill -0 $(cat " + pidFile + ")";
        service = new MysqlServiceControl(shell, start, stop, status, dataSource);
    }

    @AfterAll
    static void stopTheServer() throws Exception {
        if (service.running()) {
            service.stop();
        }
        runner.shutdown();
    }

    @Test
    void startStatusAndStopDriveTheServer() throws Exception {
        assertThat(service.running()).isFalse();
        assertThat(service.awaitReachable(Duration.ofMillis(300))).isFalse();

        service.start();
        assertThat(service.awaitReachable(Duration.ofSeconds(60))).isTrue();
        assertThat(service.running()).isTrue();

        service.stop();
        assertThat(service.running()).isFalse();
        assertThat(service.awaitReachable(Duration.ofMillis(300))).isFalse();
    }

    @Test
    void aFailingStartCommandReportsItsStderr() {
        MysqlServiceControl broken = new MysqlServiceControl(shell, "echo unit mysqld not found >&2; exit 5",
                "true", "exit 3", dataSource);
        assertThatThrownBy(broken::start).isInstanceOfSatisfying(CommandFailedException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(5);
            assertThat(e.getMessage()).contains("unit mysqld not found");
        });
    }

    @Test
    void aStatusCommandThatCannotRunMeansNotRunning() throws Exception {
        MysqlServiceControl missing = new MysqlServiceControl(shell, "true", "true", "no-such-status-tool", dataSource);
        assertThat(missing.running()).isFalse();
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
