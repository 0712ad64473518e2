package io.orcagent.runtime.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Binds {@code [common]}. */
final class CommonSection {

    static final String NAME = "common";

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:-]{1,253}");
    private static final Pattern EXECUTOR = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private CommonSection() {
    }

    static Optional<CommonConfig> bind(SectionReader r) {
        int port = r.port("port", CommonConfig.DEFAULT_PORT);
        int seedPort = r.port("seed-port", CommonConfig.DEFAULT_SEED_PORT);
        Duration pollInterval = r.positiveDuration("poll-interval", Duration.ofMinutes(1));
        Duration resubmit = r.positiveDuration("resubmit-agent-interval", Duration.ofHours(1));
        Optional<String> httpAuthUser = r.optionalString("http-auth-user");
        Secret httpAuthPassword = r.secret("http-auth-password", false);
        Duration httpTimeout = r.positiveDuration("http-timeout", Duration.ofSeconds(10));
        boolean useSsl = r.bool("use-ssl", false);
        boolean useMutualTls = r.bool("use-mutual-tls", false);
        boolean sslSkipVerify = r.bool("ssl-skip-verify", false);
        Optional<Path> sslCertFile = r.optionalAbsolutePath("ssl-cert-file");
        Optional<Path> sslPrivateKeyFile = r.optionalAbsolutePath("ssl-private-key-file");
        Optional<Path> sslCaFile = r.optionalAbsolutePath("ssl-ca-file");
        List<String> sslValidOus = r.strings("ssl-valid-ous", List.of());
        boolean statusOuVerify = r.bool("status-ou-verify", false);
        Optional<Path> tokenHintFile = r.optionalAbsolutePath("token-hint-file");
        Optional<String> tokenHttpHeader = r.optionalString("token-http-header");
        boolean execWithSudo = r.bool("exec-with-sudo", false);
        Optional<String> sudoUser = r.optionalString("sudo-user");
        Path backupDir = r.requiredAbsolutePath("backup-dir", "\"/var/lib/orchestrator-agent/backup\"");
        String statusEndpoint = r.nonEmptyString("status-endpoint", "/api/status", "\"/api/status\"");
        Duration statusBadSeconds = r.positiveDuration("status-bad-seconds", Duration.ofSeconds(300));
        String hostname = r.string("hostname", null);
        String bindAddress = r.nonEmptyString("bind-address", "0.0.0.0", "\"0.0.0.0\"");
        Path pluginsDir = r.absolutePath("plugins-dir", CommonConfig.DEFAULT_PLUGINS_DIR);
        Path stateDir = r.absolutePath("state-dir", CommonConfig.DEFAULT_STATE_DIR);
        String commandExecutor = r.nonEmptyString("command-executor", "local", "\"local\"");
        long bandwidth = bandwidth(r);
        boolean transferUseTls = r.bool("transfer-use-tls", false);
        boolean transferMutualTls = r.bool("transfer-mutual-tls", false);
        Duration abandonedSeedCleanupAfter = r.durationOrZero("abandoned-seed-cleanup-after",
                CommonConfig.DEFAULT_ABANDONED_SEED_CLEANUP_AFTER);
        int httpMaxConnections = r.integer("http-max-connections", 0, 0, 1_000_000);
        Duration httpRequestHeadTimeout = r.positiveDuration("http-request-head-timeout",
                CommonConfig.DEFAULT_HTTP_REQUEST_HEAD_TIMEOUT);
        Duration httpIdleTimeout = r.positiveDuration("http-idle-timeout", CommonConfig.DEFAULT_HTTP_IDLE_TIMEOUT);

        if (!statusEndpoint.startsWith("/")) {
            r.problem("status-endpoint", "must start with \"/\" (got " + ValueText.describe(statusEndpoint) + ")");
        }
        if (hostname != null && !HOST.matcher(hostname).matches()) {
            r.problem("hostname", "must be a host name such as \"db1.example.com\" (got "
                    + ValueText.describe(hostname) + ")");
        }
        if (!HOST.matcher(bindAddress).matches()) {
            r.problem("bind-address", "must be an IP address or host name such as \"0.0.0.0\" (got "
                    + ValueText.describe(bindAddress) + ")");
        }
        if (!EXECUTOR.matcher(commandExecutor).matches()) {
            r.problem("command-executor", "must be the name of a command executor such as \"local\" (got "
                    + ValueText.describe(commandExecutor) + ")");
        }
        if (useSsl || useMutualTls || transferUseTls || transferMutualTls) {
            String why = useSsl ? "use-ssl" : useMutualTls ? "use-mutual-tls"
                    : transferUseTls ? "transfer-use-tls" : "transfer-mutual-tls";
            if (sslCertFile.isEmpty()) {
                r.problem("ssl-cert-file", "is required when " + why + " is true");
            }
            if (sslPrivateKeyFile.isEmpty()) {
                r.problem("ssl-private-key-file", "is required when " + why + " is true");
            }
        }
        if (useMutualTls && sslCaFile.isEmpty()) {
            r.problem("ssl-ca-file", "is required when use-mutual-tls is true (client certificates are checked"
                    + " against it)");
        } else if (transferMutualTls && sslCaFile.isEmpty()) {
            r.problem("ssl-ca-file", "is required when transfer-mutual-tls is true (the sending agent's certificate"
                    + " is checked against it)");
        }
        if (transferMutualTls && !transferUseTls) {
            r.problem("transfer-mutual-tls", "needs transfer-use-tls = true (mutual TLS is TLS with a certificate on"
                    + " both sides)");
        }
        r.reportUnknownKeys();
        if (!r.clean()) {
            return Optional.empty();
        }
        return Optional.of(new CommonConfig(port, seedPort, pollInterval, resubmit, httpAuthUser, httpAuthPassword,
                httpTimeout, useSsl, useMutualTls, sslSkipVerify, sslCertFile, sslPrivateKeyFile, sslCaFile,
                sslValidOus, statusOuVerify, tokenHintFile, tokenHttpHeader, execWithSudo, sudoUser, backupDir,
                statusEndpoint, statusBadSeconds, hostname != null ? hostname : LocalHostName.detect(), bindAddress,
                pluginsDir, stateDir, commandExecutor, bandwidth, transferUseTls, transferMutualTls,
                abandonedSeedCleanupAfter, httpMaxConnections, httpRequestHeadTimeout, httpIdleTimeout));
    }

    /** A byte amount per second: a string with a unit, or an integer number of bytes. */
    private static long bandwidth(SectionReader r) {
        Object value = r.raw("transfer-bandwidth-limit");
        try {
            return switch (value) {
                case null -> 0L;
                case String s -> ByteSize.parse(s);
                case Long bytes when bytes >= 0 -> bytes;
                default -> throw new IllegalArgumentException("must be an amount of bytes per second such as \"0\""
                        + " (unlimited) or \"100MiB\" (got " + ValueText.describe(value) + ")");
            };
        } catch (IllegalArgumentException e) {
            r.problem("transfer-bandwidth-limit", e.getMessage());
            return 0L;
        }
    }
}
