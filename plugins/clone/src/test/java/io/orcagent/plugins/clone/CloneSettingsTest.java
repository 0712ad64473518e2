package io.orcagent.plugins.clone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.ConfigException;
import io.orcagent.testkit.TestingPluginContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code [clone_plugin]} section, read by the runtime's own section class. */
class CloneSettingsTest {

    @Test
    void anEmptySectionGivesTheGoAgentsDefaultsAndAFifteenMinuteRestoreTimeout() throws Exception {
        assertThat(read(Map.of())).isEqualTo(new CloneSettings(true, 4_194_304, 300, false, 16, 0, 0, "", "", "",
                Duration.ofMinutes(15)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "clone-buffer-size | 1048575 | must be between 1048576 and 268435456 bytes, got 1048575",
        "clone-buffer-size | 268435457 | must be between 1048576 and 268435456 bytes, got 268435457",
        "clone-ddl-timeout | -1 | must be between 0 and 2592000 seconds, got -1",
        "clone-ddl-timeout | 2592001 | must be between 0 and 2592000 seconds, got 2592001",
        "clone-max-concurrency | 0 | must be between 1 and 128 threads, got 0",
        "clone-max-concurrency | 129 | must be between 1 and 128 threads, got 129",
        "clone-max-data-bandwidth | -5 | must be between 0 and 1048576 MiB/s (0 = unlimited), got -5",
        "clone-max-network-bandwidth | 1048577 | must be between 0 and 1048576 MiB/s (0 = unlimited), got 1048577",
    })
    void aValueOutsideMysqlsRangeIsRefusedNamingTheKey(String key, long value, String message) {
        assertThatThrownBy(() -> read(Map.of(key, value))).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.key()).isEqualTo(key);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void theLimitsOfEachRangeAreAccepted() throws Exception {
        CloneSettings settings = read(Map.of("clone-buffer-size", 268_435_456L, "clone-ddl-timeout", 0L,
                "clone-max-concurrency", 128L, "clone-max-data-bandwidth", 1_048_576L,
                "clone-max-network-bandwidth", 1_048_576L));

        assertThat(settings.bufferSize()).isEqualTo(268_435_456);
        assertThat(settings.maxConcurrency()).isEqualTo(128);
    }

    @Test
    void aRelativeSslPathIsRefused() {
        assertThatThrownBy(() -> read(Map.of("clone-ssl-ca", "certs/ca.pem"))).isInstanceOf(ConfigException.class)
                .hasMessage("must be empty or the absolute path of a file the MySQL server can read");
    }

    @Test
    void aClientCertificateWithoutItsKeyIsRefused() {
        assertThatThrownBy(() -> read(Map.of("clone-ssl-cert", "/etc/mysql/client-cert.pem")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("clone-ssl-key");
                    assertThat(e.getMessage()).isEqualTo("must be set together with clone-ssl-cert");
                });
    }

    @ParameterizedTest
    @CsvSource({"15m, PT15M", "90s, PT1M30S", "1h30m, PT1H30M", "2h, PT2H", "1.5h, PT1H30M", "250ms, PT0.25S",
            "900, PT15M"})
    void theRestoreTimeoutIsAGoStyleDuration(String text, Duration expected) throws Exception {
        assertThat(read(Map.of("restore-timeout", text)).restoreTimeout()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"15 minutes", "0s", "0", "-1m", "1.5", "10d"})
    void aRestoreTimeoutThatIsNotAPositiveDurationIsRefused(String text) {
        assertThatThrownBy(() -> read(Map.of("restore-timeout", text))).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.key()).isEqualTo("restore-timeout"));
    }

    @Test
    void theVariablesFollowTheGoAgentsOrderWithBothBandwidthsFromTheirOwnKeys() throws Exception {
        CloneSettings settings = read(Map.of("clone-max-data-bandwidth", 100L, "clone-max-network-bandwidth", 250L));

        assertThat(settings.variables()).extracting(SystemVariable::name).containsExactly(
                "clone_autotune_concurrency", "clone_buffer_size", "clone_ddl_timeout", "clone_enable_compression",
                "clone_max_concurrency", "clone_max_data_bandwidth", "clone_max_network_bandwidth", "clone_ssl_ca",
                "clone_ssl_cert", "clone_ssl_key");
        assertThat(settings.variables()).contains(SystemVariable.of("clone_max_data_bandwidth", 100L),
                SystemVariable.of("clone_max_network_bandwidth", 250L));
    }

    private static CloneSettings read(Map<String, Object> section) throws ConfigException {
        TestingPluginContext.Builder builder = TestingPluginContext.builder();
        section.forEach(builder::set);
        return CloneSettings.read(builder.build("clone_plugin").config());
    }
}
