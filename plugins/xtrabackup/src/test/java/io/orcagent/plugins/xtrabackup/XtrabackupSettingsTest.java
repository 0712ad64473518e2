package io.orcagent.plugins.xtrabackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.ConfigException;
import io.orcagent.runtime.config.SectionConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code [xtrabackup]} section, read through the runtime's own section class. */
class XtrabackupSettingsTest {

    @Test
    void anEmptySectionGivesTheDefaults() throws Exception {
        XtrabackupSettings settings = XtrabackupSettings.read(SectionConfig.of("xtrabackup", Map.of()));
        assertThat(settings).isEqualTo(new XtrabackupSettings(Optional.empty(), Optional.empty(), List.of(), 1,
                Duration.ofMinutes(15), "mysql:mysql", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--password=s3cret", "-ps3cret", "--pass=s3cret", "--user=root", "-h db1", "--port=3307",
        "--target-dir=/tmp/x", "--stream=tar", "--backup", "--prepare", "--decompress", "--defaults-file=/etc/my.cnf",
        "--defaults-extra-file=/x.cnf", "--no-defaults", "--login-path=backup", "--loose-password=x"})
    void aReservedOptionStopsTheStartNamingTheKeyButNotTheValue(String option) {
        SectionConfig section = SectionConfig.of("xtrabackup", Map.of("xtrabackup-addtional-opts",
                List.of("--parallel=4", option)));
        assertThatThrownBy(() -> XtrabackupSettings.read(section))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is set by the agent")
                .hasMessageNotContaining("s3cret")
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("xtrabackup-addtional-opts"));
    }

    @Test
    void optionsAreSplitIntoArgumentsAndParallelIsReadInBothSpellings() throws Exception {
        XtrabackupSettings settings = XtrabackupSettings.read(SectionConfig.of("xtrabackup",
                Map.of("xtrabackup-addtional-opts", List.of("--compress", "--parallel 6", "--throttle=40"))));
        assertThat(settings.backupOptions()).containsExactly("--compress", "--parallel", "6", "--throttle=40");
        assertThat(settings.parallel()).isEqualTo(6);
        assertThat(XtrabackupSettings.parallelOf(List.of("--parallel=3"))).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--parallel", "--parallel=", "--parallel=zero", "--parallel=0", "--parallel=-2",
        "--parallel=99999"})
    void aParallelWithoutAUsableNumberStopsTheStart(String option) {
        assertThatThrownBy(() -> XtrabackupSettings.parallelOf(List.of(option)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--parallel needs a number of threads from 1 to 1024");
    }

    @Test
    void theGoAgentsSocatKeysAreAcceptedAndNotReportedAsUnknown() throws Exception {
        SectionConfig section = SectionConfig.of("xtrabackup", Map.of("socat-use-ssl", true,
                "socat-ssl-cert-file", "/etc/agent/cert.pem", "socat-ssl-cat-file", "/etc/agent/ca.pem",
                "socat-ssl-skip-verify", false));
        XtrabackupSettings settings = XtrabackupSettings.read(section);
        assertThat(settings.socatUseSsl()).isTrue();
        assertThat(section.unreadKeys()).isEmpty();
    }

    @Test
    void aMisspeltKeyIsLeftUnreadForTheRuntimeToReport() throws Exception {
        SectionConfig section = SectionConfig.of("xtrabackup", Map.of("backup-comand", "xtrabackup"));
        XtrabackupSettings.read(section);
        assertThat(section.unreadKeys()).containsExactly("backup-comand");
    }

    @Test
    void configuredProgramsAreUsedAsGiven() throws Exception {
        XtrabackupSettings settings = XtrabackupSettings.read(SectionConfig.of("xtrabackup",
                Map.of("backup-command", "/opt/pxb/bin/xtrabackup", "stream-extractor", "/opt/pxb/bin/xbstream")));
        assertThat(settings.backupCommand()).contains("/opt/pxb/bin/xtrabackup");
        assertThat(settings.streamExtractor()).contains("/opt/pxb/bin/xbstream");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "--help"})
    void aBlankOrOptionLikeProgramIsRefused(String program) {
        assertThatThrownBy(() -> XtrabackupSettings.read(SectionConfig.of("xtrabackup", Map.of("backup-command", program))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must name a program");
    }

    @Test
    void anEmptyOwnerSkipsTheOwnershipChange() throws Exception {
        XtrabackupSettings settings = XtrabackupSettings.read(SectionConfig.of("xtrabackup", Map.of("mysql-owner", "")));
        assertThat(settings.mysqlOwner()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-R", "mysql mysql", "mysql:-x", "my$ql", ":mysql"})
    void anOwnerThatIsNotUserOrUserColonGroupIsRefused(String owner) {
        assertThatThrownBy(() -> XtrabackupSettings.read(SectionConfig.of("xtrabackup", Map.of("mysql-owner", owner))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be user or user:group");
    }

    @Test
    void theRestoreTimeoutIsAGoDurationOrSeconds() throws Exception {
        assertThat(restoreTimeout("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(restoreTimeout("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(restoreTimeout("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(restoreTimeout("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(restoreTimeout(600L)).isEqualTo(Duration.ofMinutes(10));
        assertThat(restoreTimeout("600")).isEqualTo(Duration.ofMinutes(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "15 minutes", "0s", "-5m", "10d", "m", "5m3"})
    void aRestoreTimeoutThatIsNotAPositiveDurationIsRefused(String text) {
        assertThatThrownBy(() -> restoreTimeout(text))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("restore-timeout");
                    assertThat(e.getMessage()).containsAnyOf("must be a duration", "must not be negative",
                            "must be a positive duration");
                });
    }

    private static Duration restoreTimeout(Object value) throws ConfigException {
        return XtrabackupSettings.read(SectionConfig.of("xtrabackup", Map.of("restore-timeout", value))).restoreTimeout();
    }
}
