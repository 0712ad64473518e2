package io.orcagent.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.orcagent.api.Command;
import io.orcagent.api.CommandResult;
import io.orcagent.api.OptionFile;
import io.orcagent.api.RunningCommand;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SandboxSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Option files as the real MariaDB tools read them. */
class OptionFilesLoginTest {

    static final String USER = "agent";
    static final String PASSWORD = "pa\"ss'w\\ord #1 $(touch x); ";

    @TempDir
    static Path dir;

    static MariaDbSandbox server;
    static OptionFiles optionFiles;
    static final ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor());

    @BeforeAll
    static void startServer() throws Exception {
        server = MariaDbSandbox.start(SandboxSettings.of(dir.resolve("server"), "127.0.0.2",
                MariaDbSandbox.freePort("127.0.0.2"), 1).withAccount(USER, PASSWORD));
        optionFiles = new OptionFiles(dir.resolve("state/tmp"), USER, PASSWORD);
    }

    @AfterAll
    static void stopServer() {
        runner.shutdown();
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theMariadbClientLogsInWithAPasswordFullOfSpecialCharacters() throws Exception {
        try (OptionFile file = optionFiles.write(server.address(), server.port())) {
            CommandResult result = runner.runChecked(Command.of("mariadb", "--defaults-extra-file=" + file.path(),
                    "--batch", "--skip-column-names", "-e", "SELECT CURRENT_USER()"));
            assertThat(result.stdout()).isEqualTo(USER + "@%\n");
        }
    }

    @Test
    void thePasswordNeverAppearsOnTheCommandLineOfTheStartedProcess() throws Exception {
        try (OptionFile file = optionFiles.write(server.address(), server.port());
             RunningCommand client = runner.start(Command.of("mariadb", "--defaults-extra-file=" + file.path(),
                     "--batch", "--skip-column-names", "-e", "SELECT SLEEP(1), CURRENT_USER()"))) {
            List<String> seen = new ArrayList<>();
            Path cmdline = Path.of("/proc", Long.toString(client.pid()), "cmdline");
            while (Files.exists(cmdline)) {
                String line;
                try {
                    line = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ');
                } catch (java.io.IOException e) {
                    break; // it just exited
                }
                if (line.isEmpty()) {
                    break; // it exited and is not reaped yet: a zombie has no command line
                }
                seen.add(line);
                Thread.sleep(50);
            }
            CommandResult result = client.await();
            assertThat(result.exitCode()).isZero();
            assertThat(result.stdout()).contains(USER + "@%");
            assertThat(seen).isNotEmpty().allSatisfy(line -> assertThat(line)
                    .contains("--defaults-extra-file=").doesNotContain("pa\"ss").doesNotContain("w\\ord"));
        }
    }

    @Test
    void mydumperReadsTheSameFile() throws Exception {
        Path out = dir.resolve("dump");
        try (OptionFile file = optionFiles.write(server.address(), server.port())) {
            runner.runChecked(Command.of("mydumper", "--defaults-file=" + file.path(), "--database=mysql",
                    "--tables-list=mysql.db", "--outputdir=" + out));
        }
        assertThat(out.resolve("metadata")).exists();
    }
}
