package io.orcagent.plugins.clone;

import static io.orcagent.plugins.clone.RecordingMysql.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.orcagent.api.Availability;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The probe's answers for MySQL servers, against recorded {@code VERSION()} and
 * {@code information_schema.PLUGINS} results.
 *
 * <p>MySQL cannot be installed on this machine, so these cases use the {@link RecordingMysql} JDBC double;
 * the MariaDB case runs against a real MariaDB server in {@link CloneProbeOnMariaDbTest}.
 */
class CloneProbeRecordedTest {

    private final RecordingMysql mysql = new RecordingMysql();

    @ParameterizedTest
    @ValueSource(strings = {"8.0.17", "8.0.36-log", "8.4.3", "9.1.0-commercial"})
    void aMysqlOf8017OrLaterWithAnActiveClonePluginIsUsable(String version) {
        mysql.on(CloneProbe.VERSION_QUERY, rows(List.of(version))).on(CloneProbe.PLUGIN_QUERY, rows(List.of("ACTIVE")));

        assertThat(CloneProbe.check(mysql.dataSource())).isEqualTo(Availability.usable());
        assertThat(mysql.statements()).containsExactly(CloneProbe.VERSION_QUERY, CloneProbe.PLUGIN_QUERY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.0.16-log", "5.7.44", "5.6.51-log"})
    void aMysqlOlderThan8017IsUnavailableWithItsVersion(String version) {
        mysql.on(CloneProbe.VERSION_QUERY, rows(List.of(version)));

        assertThat(CloneProbe.check(mysql.dataSource())).isEqualTo(Availability.unavailable(
                "the clone plugin needs MySQL 8.0.17 or later; this server is MySQL " + version));
        assertThat(mysql.statements()).containsExactly(CloneProbe.VERSION_QUERY);
    }

    @Test
    void aMysqlWithoutTheClonePluginIsUnavailableWithTheInstallHint() {
        mysql.on(CloneProbe.VERSION_QUERY, rows(List.of("8.0.36"))).on(CloneProbe.PLUGIN_QUERY, rows());

        assertThat(CloneProbe.check(mysql.dataSource())).isEqualTo(Availability.unavailable(
                "the clone plugin is not installed on this MySQL server: run INSTALL PLUGIN clone SONAME"
                        + " 'mysql_clone.so' (or plugin-load-add=mysql_clone.so in my.cnf)"));
    }

    @Test
    void aDisabledClonePluginIsUnavailableNamingItsStatus() {
        mysql.on(CloneProbe.VERSION_QUERY, rows(List.of("8.0.36"))).on(CloneProbe.PLUGIN_QUERY, rows(List.of("DISABLED")));

        assertThat(CloneProbe.check(mysql.dataSource()).reason())
                .startsWith("the clone plugin is DISABLED, not ACTIVE: check the server's error log");
    }

    @Test
    void anUnreadableVersionIsUnavailableQuotingIt() {
        mysql.on(CloneProbe.VERSION_QUERY, rows(List.of("banana")));

        assertThat(CloneProbe.check(mysql.dataSource())).isEqualTo(Availability.unavailable(
                "cannot read the server version \"banana\"; the clone plugin needs MySQL 8.0.17 or later"));
    }

    @Test
    void aServerThatDoesNotAnswerIsUnavailableWithTheConnectionError() {
        mysql.goDown(1);

        assertThat(CloneProbe.check(mysql.dataSource()).reason())
                .startsWith("cannot check the local server for the clone plugin: Could not create connection");
    }
}
