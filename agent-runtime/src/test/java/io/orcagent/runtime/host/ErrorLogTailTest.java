package io.orcagent.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.Command;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SandboxSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorLogTailTest {

    @TempDir
    static Path dir;

    static MariaDbSandbox server;
    static final ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor());

    @BeforeAll
    static void startServerWithARelativeErrorLog() throws Exception {
        // a later --log-error overrides the sandbox's absolute one; MariaDB then reports ./relative.err
        server = MariaDbSandbox.start(SandboxSettings.of(dir.resolve("server"), "127.0.0.2",
                MariaDbSandbox.freePort("127.0.0.2"), 1).withServerArgs(List.of("--log-error=relative")));
    }

    @AfterAll
    static void stopServer() {
        runner.shutdown();
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aRelativeLogErrorIsFoundInTheDatadir() throws Exception {
        ErrorLogTail tail = tailOf(server);
        assertThat(new MysqlFacts(server.dataSource()).logError()).isEqualTo("./relative.err");
        assertThat(tail.location()).isEqualTo(server.datadir().resolve("relative.err"));
    }

    @Test
    void theTailOfARealServersLogIsWhatTailPrints() throws Exception {
        ErrorLogTail tail = tailOf(server);
        Path log = tail.location();
        String text = tail.text(ErrorLogTail.SEED_API_LINES);
        assertThat(text).contains("ready for connections");
        assertThat(text).isEqualTo(tailOf(log, ErrorLogTail.SEED_API_LINES));
    }

    @Test
    void theLegacyFormIsAListOfLinesWithoutTheTrailingNewline() throws Exception {
        ErrorLogTail tail = tailOf(server);
        List<String> lines = tail.lines(ErrorLogTail.LEGACY_API_LINES);
        List<String> expected = List.of(tailOf(tail.location(), ErrorLogTail.LEGACY_API_LINES).strip().split("\n"));
        assertThat(lines).isEqualTo(expected).hasSizeLessThanOrEqualTo(20);
    }

    @Test
    void anErrorLogOnStderrIsAClearError() {
        assertThatThrownBy(() -> ErrorLogLocation.resolve("", Path.of("/var/lib/mysql")))
                .isInstanceOf(IOException.class).hasMessageContaining("stderr").hasMessageContaining("no error log file");
        assertThatThrownBy(() -> ErrorLogLocation.resolve("stderr", Path.of("/var/lib/mysql")))
                .isInstanceOf(IOException.class).hasMessageContaining("stderr");
    }

    @Test
    void anAbsoluteLogErrorIsUsedAsItIs() throws Exception {
        assertThat(ErrorLogLocation.resolve("/var/log/mysql/error.log", Path.of("/var/lib/mysql")))
                .isEqualTo(Path.of("/var/log/mysql/error.log"));
    }

    @Test
    void lastLinesMatchesTailOnFilesOfEveryShape() throws Exception {
        Random random = new Random(42);
        for (int file = 0; file < 30; file++) {
            StringBuilder content = new StringBuilder();
            int lines = random.nextInt(200);
            for (int i = 0; i < lines; i++) {
                content.append("x".repeat(random.nextInt(random.nextBoolean() ? 20 : 20_000))).append(i);
                if (i < lines - 1 || random.nextBoolean()) {
                    content.append('\n');
                }
                if (random.nextInt(10) == 0) {
                    content.append('\n'); // empty lines
                }
            }
            Path path = dir.resolve("shape-" + file + ".log");
            Files.writeString(path, content);
            for (int count : new int[] {1, 2, 20, 40, 500}) {
                assertThat(ErrorLogTail.lastLines(path, count)).as("file %d, %d lines", file, count)
                        .isEqualTo(tailOf(path, count));
            }
        }
    }

    @Test
    void aHugeLineIsCutToTheLastMebibyte() throws Exception {
        Path path = dir.resolve("huge.log");
        Files.writeString(path, "start\n" + "y".repeat(3 * 1024 * 1024) + "\n");
        assertThat(ErrorLogTail.lastLines(path, 40)).hasSize(ErrorLogTail.MAX_TAIL_BYTES).endsWith("y\n");
    }

    @Test
    void anEmptyLogGivesOneEmptyLineInTheLegacyForm() throws Exception {
        Path path = dir.resolve("empty.log");
        Files.writeString(path, "");
        assertThat(ErrorLogTail.lastLines(path, 20)).isEmpty();
        assertThat(ErrorLogTail.splitLines("")).containsExactly("");
    }

    private static ErrorLogTail tailOf(MariaDbSandbox running) {
        return new ErrorLogTail(new ErrorLogLocation(new MysqlFacts(running.dataSource()),
                new ServerOptionFiles(runner, Optional.of(dir.resolve("no-such.cnf"))), running::datadir,
                ErrorLogLocation::systemHostName));
    }

    private static String tailOf(Path file, int count) throws Exception {
        return new String(runner.runChecked(Command.of("tail", "-n", Integer.toString(count), file.toString()))
                .stdout().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
