package io.orcagent.plugins.clone;

import io.orcagent.api.ConfigException;
import io.orcagent.api.PluginConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code [clone_plugin]} config section, validated against the ranges the MySQL manual gives for
 * each clone variable, so a bad value stops the agent's start instead of failing a seed's Prepare.
 *
 * @param autotuneConcurrency {@code clone-autotune-concurrency} → {@code clone_autotune_concurrency}
 * @param bufferSize {@code clone-buffer-size} → {@code clone_buffer_size} (bytes)
 * @param ddlTimeout {@code clone-ddl-timeout} → {@code clone_ddl_timeout} (seconds)
 * @param enableCompression {@code clone-enable-compression} → {@code clone_enable_compression}
 * @param maxConcurrency {@code clone-max-concurrency} → {@code clone_max_concurrency} (threads)
 * @param maxDataBandwidth {@code clone-max-data-bandwidth} → {@code clone_max_data_bandwidth} (MiB/s, 0 = unlimited)
 * @param maxNetworkBandwidth {@code clone-max-network-bandwidth} → {@code clone_max_network_bandwidth} (MiB/s, 0 = unlimited)
 * @param sslCa {@code clone-ssl-ca} → {@code clone_ssl_ca}
 * @param sslCert {@code clone-ssl-cert} → {@code clone_ssl_cert}
 * @param sslKey {@code clone-ssl-key} → {@code clone_ssl_key}
 * @param restoreTimeout {@code restore-timeout}: how long the server may take to come back after the clone
 */
record CloneSettings(boolean autotuneConcurrency, long bufferSize, long ddlTimeout, boolean enableCompression,
                     long maxConcurrency, long maxDataBandwidth, long maxNetworkBandwidth, String sslCa,
                     String sslCert, String sslKey, Duration restoreTimeout) {

    static final String AUTOTUNE_CONCURRENCY = "clone-autotune-concurrency";
    static final String BUFFER_SIZE = "clone-buffer-size";
    static final String DDL_TIMEOUT = "clone-ddl-timeout";
    static final String ENABLE_COMPRESSION = "clone-enable-compression";
    static final String MAX_CONCURRENCY = "clone-max-concurrency";
    static final String MAX_DATA_BANDWIDTH = "clone-max-data-bandwidth";
    static final String MAX_NETWORK_BANDWIDTH = "clone-max-network-bandwidth";
    static final String SSL_CA = "clone-ssl-ca";
    static final String SSL_CERT = "clone-ssl-cert";
    static final String SSL_KEY = "clone-ssl-key";
    static final String RESTORE_TIMEOUT = "restore-timeout";

    static final Duration DEFAULT_RESTORE_TIMEOUT = Duration.ofMinutes(15);

    CloneSettings {
        Objects.requireNonNull(sslCa, "sslCa is null");
        Objects.requireNonNull(sslCert, "sslCert is null");
        Objects.requireNonNull(sslKey, "sslKey is null");
        Objects.requireNonNull(restoreTimeout, "restoreTimeout is null");
    }

    /**
     * Reads and validates the section.
     *
     * @param config the section
     * @return the settings
     * @throws ConfigException naming the first key that is out of range or malformed
     */
    static CloneSettings read(PluginConfig config) throws ConfigException {
        boolean autotune = config.bool(AUTOTUNE_CONCURRENCY, true);
        long bufferSize = ranged(config, BUFFER_SIZE, 4_194_304, 1_048_576, 268_435_456, "bytes");
        long ddlTimeout = ranged(config, DDL_TIMEOUT, 300, 0, 2_592_000, "seconds");
        boolean compression = config.bool(ENABLE_COMPRESSION, false);
        long concurrency = ranged(config, MAX_CONCURRENCY, 16, 1, 128, "threads");
        long dataBandwidth = ranged(config, MAX_DATA_BANDWIDTH, 0, 0, 1_048_576, "MiB/s (0 = unlimited)");
        long networkBandwidth = ranged(config, MAX_NETWORK_BANDWIDTH, 0, 0, 1_048_576, "MiB/s (0 = unlimited)");
        String ca = sslPath(config, SSL_CA);
        String cert = sslPath(config, SSL_CERT);
        String key = sslPath(config, SSL_KEY);
        if (cert.isEmpty() != key.isEmpty()) {
            throw new ConfigException(cert.isEmpty() ? SSL_CERT : SSL_KEY,
                    "must be set together with " + (cert.isEmpty() ? SSL_KEY : SSL_CERT));
        }
        Duration restoreTimeout = restoreTimeout(config);
        return new CloneSettings(autotune, bufferSize, ddlTimeout, compression, concurrency, dataBandwidth,
                networkBandwidth, ca, cert, key, restoreTimeout);
    }

    /**
     * The Prepare stage's variables, in the Go agent's order, each fed from its own key (the Go agent
     * put {@code clone-max-network-bandwidth} into {@code clone_max_data_bandwidth} and never set
     * {@code clone_max_network_bandwidth}).
     *
     * @return the variables to set on the target
     */
    List<SystemVariable> variables() {
        return List.of(
                SystemVariable.of("clone_autotune_concurrency", autotuneConcurrency),
                SystemVariable.of("clone_buffer_size", bufferSize),
                SystemVariable.of("clone_ddl_timeout", ddlTimeout),
                SystemVariable.of("clone_enable_compression", enableCompression),
                SystemVariable.of("clone_max_concurrency", maxConcurrency),
                SystemVariable.of("clone_max_data_bandwidth", maxDataBandwidth),
                SystemVariable.of("clone_max_network_bandwidth", maxNetworkBandwidth),
                SystemVariable.of("clone_ssl_ca", sslCa),
                SystemVariable.of("clone_ssl_cert", sslCert),
                SystemVariable.of("clone_ssl_key", sslKey));
    }

    /**
     * The restore timeout as an operator writes it.
     *
     * @return e.g. {@code 15m}, {@code 90s} or {@code 250ms}
     */
    String restoreTimeoutText() {
        long millis = restoreTimeout.toMillis();
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1_000 == 0 ? millis / 1_000 + "s" : millis + "ms";
    }

    private static long ranged(PluginConfig config, String key, long defaultValue, long min, long max, String unit)
            throws ConfigException {
        long value = config.integer(key, defaultValue);
        if (value < min || value > max) {
            throw new ConfigException(key, "must be between " + min + " and " + max + " " + unit + ", got " + value);
        }
        return value;
    }

    private static String sslPath(PluginConfig config, String key) throws ConfigException {
        String value = config.string(key, "");
        if (value.isEmpty()) {
            return value;
        }
        if (!value.startsWith("/") || value.chars().anyMatch(Character::isISOControl)) {
            throw new ConfigException(key, "must be empty or the absolute path of a file the MySQL server can read");
        }
        return value;
    }

    private static Duration restoreTimeout(PluginConfig config) throws ConfigException {
        Duration duration = config.duration(RESTORE_TIMEOUT, DEFAULT_RESTORE_TIMEOUT);
        if (duration.isZero()) {
            throw new ConfigException(RESTORE_TIMEOUT, "must be longer than zero");
        }
        return duration;
    }
}
