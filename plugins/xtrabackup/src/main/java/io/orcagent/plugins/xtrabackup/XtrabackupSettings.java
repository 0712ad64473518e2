package io.orcagent.plugins.xtrabackup;

import io.orcagent.api.ConfigException;
import io.orcagent.api.PluginConfig;
import io.orcagent.plugins.seedsupport.ReservedOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code [xtrabackup]} config section.
 *
 * @param backupCommand {@code backup-command}, or empty to pick {@code mariabackup} or {@code xtrabackup}
 *     from {@code PATH}
 * @param streamExtractor {@code stream-extractor}, or empty for the backup tool's own ({@code mbstream}
 *     or {@code xbstream})
 * @param backupOptions the operator's extra backup arguments ({@code xtrabackup-addtional-opts}), split
 *     and validated
 * @param parallel the {@code --parallel} value among those options (1 when absent), also used to
 *     decompress on the target
 * @param restoreTimeout {@code restore-timeout}: how long Restore waits for the stream to finish and for
 *     MySQL to answer
 * @param mysqlOwner {@code mysql-owner}: {@code user[:group]} given to the restored datadir, empty to
 *     leave ownership alone
 * @param socatUseSsl the Go agent's {@code socat-use-ssl}, accepted and ignored (superseded by the
 *     transfer service's TLS)
 */
record XtrabackupSettings(Optional<String> backupCommand, Optional<String> streamExtractor, List<String> backupOptions,
                          int parallel, Duration restoreTimeout, String mysqlOwner, boolean socatUseSsl) {

    /** The Go agent's key, typo included. */
    static final String OPTIONS_KEY = "xtrabackup-addtional-opts";
    static final String BACKUP_COMMAND_KEY = "backup-command";
    static final String STREAM_EXTRACTOR_KEY = "stream-extractor";
    static final String RESTORE_TIMEOUT_KEY = "restore-timeout";
    static final String MYSQL_OWNER_KEY = "mysql-owner";
    static final String SOCAT_USE_SSL_KEY = "socat-use-ssl";
    /** Go keys kept so old config files load; the transfer service's TLS replaces them. */
    static final List<String> SOCAT_STRING_KEYS = List.of("socat-ssl-cert-file", "socat-ssl-cat-file");
    static final String SOCAT_SKIP_VERIFY_KEY = "socat-ssl-skip-verify";

    private static final Duration MAX_RESTORE_TIMEOUT = Duration.ofDays(365);
    static final Duration DEFAULT_RESTORE_TIMEOUT = Duration.ofMinutes(15);
    static final String DEFAULT_MYSQL_OWNER = "mysql:mysql";

    /**
     * Set by the agent: connection and credentials (only in the option file), the backup mode, the stream
     * format and the directories; plus the option-file options the tools accept only in first position.
     */
    static final ReservedOptions RESERVED = ReservedOptions.of("--host", "-h", "--user", "-u", "--port", "-P",
            "--password", "-p", "--target-dir", "--decompress", "--backup", "--stream", "--prepare",
            "--defaults-file", "--defaults-extra-file", "--no-defaults", "--defaults-group-suffix", "--login-path");

    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]*)?");
    private static final String PARALLEL = "--parallel";
    private static final int MAX_PARALLEL = 1024;

    XtrabackupSettings {
        Objects.requireNonNull(backupCommand, "backupCommand is null");
        Objects.requireNonNull(streamExtractor, "streamExtractor is null");
        backupOptions = List.copyOf(backupOptions);
        Objects.requireNonNull(restoreTimeout, "restoreTimeout is null");
        Objects.requireNonNull(mysqlOwner, "mysqlOwner is null");
    }

    /**
     * Reads and validates the section.
     *
     * @param config the section
     * @return the settings
     * @throws ConfigException when an option is reserved, {@code --parallel} has no positive number, a
     *     program name is blank, the timeout is not a positive duration, or the owner is not
     *     {@code user[:group]}
     */
    static XtrabackupSettings read(PluginConfig config) throws ConfigException {
        List<String> options = RESERVED.toArguments(OPTIONS_KEY, config.strings(OPTIONS_KEY, List.of()));
        int parallel = parallelOf(options);
        Optional<String> backup = program(config, BACKUP_COMMAND_KEY);
        Optional<String> extractor = program(config, STREAM_EXTRACTOR_KEY);
        Duration timeout = restoreTimeout(config);
        String owner = config.string(MYSQL_OWNER_KEY, DEFAULT_MYSQL_OWNER).strip();
        if (!owner.isEmpty() && !OWNER.matcher(owner).matches()) {
            throw new ConfigException(MYSQL_OWNER_KEY, "must be user or user:group (or empty to leave ownership alone)");
        }
        boolean socatSsl = config.bool(SOCAT_USE_SSL_KEY, false);
        for (String key : SOCAT_STRING_KEYS) {
            config.string(key, "");
        }
        config.bool(SOCAT_SKIP_VERIFY_KEY, false);
        return new XtrabackupSettings(backup, extractor, options, parallel, timeout, owner, socatSsl);
    }

    /**
     * The {@code --parallel} value among the backup options, written {@code --parallel=N} or
     * {@code --parallel N}.
     *
     * @param options the split options
     * @return N, or 1 when absent
     * @throws ConfigException when N is missing or not a number from 1 to 1024
     */
    static int parallelOf(List<String> options) throws ConfigException {
        int parallel = 1;
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            String value;
            if (option.startsWith(PARALLEL + "=")) {
                value = option.substring(PARALLEL.length() + 1);
            } else if (option.equals(PARALLEL)) {
                value = i + 1 < options.size() ? options.get(i + 1) : "";
            } else {
                continue;
            }
            try {
                parallel = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                parallel = 0;
            }
            if (parallel < 1 || parallel > MAX_PARALLEL) {
                throw new ConfigException(OPTIONS_KEY, "--parallel needs a number of threads from 1 to " + MAX_PARALLEL
                        + " (got \"" + value + "\")");
            }
        }
        return parallel;
    }

    private static Optional<String> program(PluginConfig config, String key) throws ConfigException {
        String value = config.string(key, "");
        if (!config.keys().contains(key)) {
            return Optional.empty();
        }
        if (value.isBlank() || value.indexOf('\0') >= 0 || value.strip().startsWith("-")) {
            throw new ConfigException(key, "must name a program");
        }
        return Optional.of(value.strip());
    }

    private static Duration restoreTimeout(PluginConfig config) throws ConfigException {
        Duration timeout = config.duration(RESTORE_TIMEOUT_KEY, DEFAULT_RESTORE_TIMEOUT);
        if (timeout.isZero() || timeout.compareTo(MAX_RESTORE_TIMEOUT) > 0) {
            throw new ConfigException(RESTORE_TIMEOUT_KEY, "must be a positive duration up to a year (got "
                    + timeout + ")");
        }
        return timeout;
    }
}
