package io.orcagent.runtime.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code [common]} section. Optional values are empty when the key is absent or set to {@code ""}
 * (the Go agent's "unset").
 *
 * @param port {@code port}: the HTTP API port (default 3002)
 * @param seedPort {@code seed-port}: the port for agent-to-agent seed transfers (default 21234)
 * @param pollInterval {@code poll-interval}: heartbeat period towards orchestrator (default 1m)
 * @param resubmitAgentInterval {@code resubmit-agent-interval}: re-registration period (default 1h)
 * @param httpAuthUser {@code http-auth-user}: HTTP Basic user; empty disables Basic auth
 * @param httpAuthPassword {@code http-auth-password}: HTTP Basic password
 * @param httpTimeout {@code http-timeout}: connect and response timeout towards orchestrator (default 10s)
 * @param useSsl {@code use-ssl}: serve HTTPS
 * @param useMutualTls {@code use-mutual-tls}: require client certificates (plus the OU check)
 * @param sslSkipVerify {@code ssl-skip-verify}: do not verify orchestrator's certificate
 * @param sslCertFile {@code ssl-cert-file}: PEM certificate for HTTPS
 * @param sslPrivateKeyFile {@code ssl-private-key-file}: PEM private key for HTTPS
 * @param sslCaFile {@code ssl-ca-file}: PEM CA bundle (client certificates, orchestrator's certificate)
 * @param sslValidOus {@code ssl-valid-ous}: organisational units allowed with mutual TLS
 * @param statusOuVerify {@code status-ou-verify}: apply the OU check to the status endpoint too
 * @param tokenHintFile {@code token-hint-file}: file the agent writes its token to
 * @param tokenHttpHeader {@code token-http-header}: request header that may carry the token
 * @param execWithSudo {@code exec-with-sudo}: run privileged commands through sudo
 * @param sudoUser {@code sudo-user}: the {@code sudo -u} user
 * @param backupDir {@code backup-dir}: where dumps go and snapshots are mounted (required, absolute)
 * @param statusEndpoint {@code status-endpoint}: path of the status route (default {@code /api/status})
 * @param statusBadSeconds {@code status-bad-seconds}: the status route fails when orchestrator has not
 *     been reached for this long (default 300s)
 * @param hostname {@code hostname}: the name the agent registers with (default: this host's FQDN)
 * @param bindAddress {@code bind-address}: the address the HTTP API listens on (default 0.0.0.0)
 * @param pluginsDir {@code plugins-dir}: directory of plugin jars/zips (default
 *     /opt/orchestrator-agent/plugins)
 * @param stateDir {@code state-dir}: seed journal and private temporary files (default
 *     /var/lib/orchestrator-agent)
 * @param commandExecutor {@code command-executor}: name of the command executor (default {@code local})
 * @param transferBandwidthLimit {@code transfer-bandwidth-limit}: cap on seed transfers in bytes per
 *     second; 0 means unlimited
 * @param transferUseTls {@code transfer-use-tls}: seed transfers between agents run over TLS with the agent's
 *     certificate ({@code ssl-cert-file}, {@code ssl-private-key-file})
 * @param transferMutualTls {@code transfer-mutual-tls}: the receiving agent also requires the sending agent's
 *     certificate, checked against {@code ssl-ca-file}
 * @param abandonedSeedCleanupAfter {@code abandoned-seed-cleanup-after}: a seed that ended in Error (or was
 *     aborted) on this agent and got no call for this long is cleaned up by the agent (default 5m; zero
 *     disables it)
 * @param httpMaxConnections {@code http-max-connections}: connections the HTTP API serves at once; 0 (the
 *     default) derives it from the process's file descriptor limit
 * @param httpRequestHeadTimeout {@code http-request-head-timeout}: a new HTTP connection that has not sent a
 *     complete request head (TLS handshake included) within this is closed (default 10s)
 * @param httpIdleTimeout {@code http-idle-timeout}: an HTTP connection with no new complete request this long
 *     after an answer is closed (default 60s)
 */
public record CommonConfig(
        int port,
        int seedPort,
        Duration pollInterval,
        Duration resubmitAgentInterval,
        Optional<String> httpAuthUser,
        Secret httpAuthPassword,
        Duration httpTimeout,
        boolean useSsl,
        boolean useMutualTls,
        boolean sslSkipVerify,
        Optional<Path> sslCertFile,
        Optional<Path> sslPrivateKeyFile,
        Optional<Path> sslCaFile,
        List<String> sslValidOus,
        boolean statusOuVerify,
        Optional<Path> tokenHintFile,
        Optional<String> tokenHttpHeader,
        boolean execWithSudo,
        Optional<String> sudoUser,
        Path backupDir,
        String statusEndpoint,
        Duration statusBadSeconds,
        String hostname,
        String bindAddress,
        Path pluginsDir,
        Path stateDir,
        String commandExecutor,
        long transferBandwidthLimit,
        boolean transferUseTls,
        boolean transferMutualTls,
        Duration abandonedSeedCleanupAfter,
        int httpMaxConnections,
        Duration httpRequestHeadTimeout,
        Duration httpIdleTimeout) {

    /** Default {@code port}. */
    public static final int DEFAULT_PORT = 3002;
    /** Default {@code seed-port}. */
    public static final int DEFAULT_SEED_PORT = 21234;
    /** Default {@code http-request-head-timeout}. */
    public static final Duration DEFAULT_HTTP_REQUEST_HEAD_TIMEOUT = Duration.ofSeconds(10);
    /** Default {@code http-idle-timeout}. */
    public static final Duration DEFAULT_HTTP_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Default {@code plugins-dir}. */
    public static final Path DEFAULT_PLUGINS_DIR = Path.of("/opt/orchestrator-agent/plugins");
    /** Default {@code abandoned-seed-cleanup-after}. */
    public static final Duration DEFAULT_ABANDONED_SEED_CLEANUP_AFTER = Duration.ofMinutes(5);
    /** Default {@code state-dir}. */
    public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/orchestrator-agent");

    /**
     * Checks that nothing is null and copies the list.
     *
     * @param port port
     * @param seedPort seed port
     * @param pollInterval poll interval
     * @param resubmitAgentInterval resubmit interval
     * @param httpAuthUser Basic user
     * @param httpAuthPassword Basic password
     * @param httpTimeout HTTP timeout
     * @param useSsl HTTPS
     * @param useMutualTls mutual TLS
     * @param sslSkipVerify skip verification
     * @param sslCertFile certificate
     * @param sslPrivateKeyFile private key
     * @param sslCaFile CA bundle
     * @param sslValidOus valid OUs
     * @param statusOuVerify OU check on status
     * @param tokenHintFile token hint file
     * @param tokenHttpHeader token header
     * @param execWithSudo sudo
     * @param sudoUser sudo user
     * @param backupDir backup dir
     * @param statusEndpoint status path
     * @param statusBadSeconds status threshold
     * @param hostname hostname
     * @param bindAddress bind address
     * @param pluginsDir plugins dir
     * @param stateDir state dir
     * @param commandExecutor executor name
     * @param transferBandwidthLimit bytes per second, 0 = unlimited
     * @param transferUseTls TLS for seed transfers
     * @param transferMutualTls mutual TLS for seed transfers
     * @param abandonedSeedCleanupAfter idle time before an abandoned seed is cleaned up, zero = never
     * @param httpMaxConnections HTTP connection limit, 0 = from the descriptor limit
     * @param httpRequestHeadTimeout HTTP request head timeout
     * @param httpIdleTimeout HTTP idle timeout
     */
    public CommonConfig {
        Objects.requireNonNull(pollInterval, "pollInterval is null");
        Objects.requireNonNull(resubmitAgentInterval, "resubmitAgentInterval is null");
        Objects.requireNonNull(httpAuthUser, "httpAuthUser is null");
        Objects.requireNonNull(httpAuthPassword, "httpAuthPassword is null");
        Objects.requireNonNull(httpTimeout, "httpTimeout is null");
        Objects.requireNonNull(sslCertFile, "sslCertFile is null");
        Objects.requireNonNull(sslPrivateKeyFile, "sslPrivateKeyFile is null");
        Objects.requireNonNull(sslCaFile, "sslCaFile is null");
        sslValidOus = List.copyOf(sslValidOus);
        Objects.requireNonNull(tokenHintFile, "tokenHintFile is null");
        Objects.requireNonNull(tokenHttpHeader, "tokenHttpHeader is null");
        Objects.requireNonNull(sudoUser, "sudoUser is null");
        Objects.requireNonNull(backupDir, "backupDir is null");
        Objects.requireNonNull(statusEndpoint, "statusEndpoint is null");
        Objects.requireNonNull(statusBadSeconds, "statusBadSeconds is null");
        Objects.requireNonNull(hostname, "hostname is null");
        Objects.requireNonNull(bindAddress, "bindAddress is null");
        Objects.requireNonNull(pluginsDir, "pluginsDir is null");
        Objects.requireNonNull(stateDir, "stateDir is null");
        Objects.requireNonNull(commandExecutor, "commandExecutor is null");
        Objects.requireNonNull(abandonedSeedCleanupAfter, "abandonedSeedCleanupAfter is null");
        Objects.requireNonNull(httpRequestHeadTimeout, "httpRequestHeadTimeout is null");
        Objects.requireNonNull(httpIdleTimeout, "httpIdleTimeout is null");
    }
}
