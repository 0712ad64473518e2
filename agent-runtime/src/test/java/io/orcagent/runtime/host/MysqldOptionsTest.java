package io.orcagent.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server's rules for the error log's name, as MariaDB 10.11 applies them (checked by hand with
 * {@code mariadbd --no-defaults --log-error …}: {@code vm.err}, {@code x.err} for {@code --pid-file=x.y.pid},
 * {@code base.err} for {@code --log-basename=base}, {@code foo.bar.log} kept).
 */
class MysqldOptionsTest {

    private static final Path KNOWN = Path.of("/var/lib/mysql");

    @Test
    void noLogErrorMeansStderr() {
        assertThat(MysqldOptions.parse(List.of("--datadir=/srv/db")).errorLog(KNOWN, "db1")).isEmpty();
        assertThat(MysqldOptions.parse(List.of("--log-error=stderr")).errorLog(KNOWN, "db1")).isEmpty();
    }

    @Test
    void anUnnamedLogIsNamedAfterTheShortHostNameInTheDatadir() {
        assertThat(MysqldOptions.parse(List.of("--log-error", "--datadir=/srv/db/")).errorLog(KNOWN, "db1.example.com"))
                .contains(Path.of("/srv/db/db1.err"));
        assertThat(MysqldOptions.parse(List.of("--log_error=")).errorLog(KNOWN, "db1")).contains(Path.of("/var/lib/mysql/db1.err"));
    }

    @Test
    void anUnnamedLogFollowsThePidFileOrTheLogBasename() {
        assertThat(MysqldOptions.parse(List.of("--log-error", "--pid-file=/run/mysqld/x.y.pid")).errorLog(KNOWN, "db1"))
                .contains(Path.of("/run/mysqld/x.err"));
        assertThat(MysqldOptions.parse(List.of("--log-error", "--log-basename=base")).errorLog(KNOWN, "db1"))
                .contains(Path.of("/var/lib/mysql/base.err"));
    }

    @Test
    void aNameWithoutExtensionGetsErrAndARelativeNameIsInTheDatadir() {
        assertThat(MysqldOptions.parse(List.of("--log-error=relative")).errorLog(KNOWN, "db1"))
                .contains(Path.of("/var/lib/mysql/relative.err"));
        assertThat(MysqldOptions.parse(List.of("--log-error=logs/foo.bar.log")).errorLog(KNOWN, "db1"))
                .contains(Path.of("/var/lib/mysql/logs/foo.bar.log"));
        assertThat(MysqldOptions.parse(List.of("--log-error=/var/log/mysql/error.log")).errorLog(KNOWN, "db1"))
                .contains(Path.of("/var/log/mysql/error.log"));
    }

    @Test
    void laterLinesWinLooseIsIgnoredAndSkipSwitchesOff() {
        assertThat(MysqldOptions.parse(List.of("--log-error=/a.log", "--loose-log_error=/b.log")).errorLog(KNOWN, "db1"))
                .contains(Path.of("/b.log"));
        assertThat(MysqldOptions.parse(List.of("--log-error=/a.log", "--skip-log-error")).errorLog(KNOWN, "db1")).isEmpty();
    }
}
