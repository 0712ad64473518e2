package io.orcagent.runtime.http;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.Objects;

import com.sun.management.UnixOperatingSystemMXBean;

/**
 * How many connections the HTTP listener holds and how long a connection may keep it waiting.
 *
 * @param maxConnections connections served at once; further ones wait in the listen backlog, holding no file
 *     descriptor of the agent, until one closes
 * @param requestHeadTimeout how long a new connection has to deliver a complete request head (TLS handshake
 *     included)
 * @param idleTimeout how long a connection may stay open after an answer without a complete next request head
 */
public record ConnectionLimits(int maxConnections, Duration requestHeadTimeout, Duration idleTimeout) {

    /** Default {@code http-request-head-timeout}. */
    public static final Duration DEFAULT_REQUEST_HEAD_TIMEOUT = Duration.ofSeconds(10);
    /** Default {@code http-idle-timeout}. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    private static final long RESERVED_DESCRIPTORS = 128;
    private static final int MAX_DEFAULT_CONNECTIONS = 1024;

    /**
     * Validates.
     *
     * @param maxConnections at least 1
     * @param requestHeadTimeout positive
     * @param idleTimeout positive
     */
    public ConnectionLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1 (got " + maxConnections + ")");
        }
        Objects.requireNonNull(requestHeadTimeout, "requestHeadTimeout is null");
        Objects.requireNonNull(idleTimeout, "idleTimeout is null");
        if (!requestHeadTimeout.isPositive() || !idleTimeout.isPositive()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /**
     * The default limits: the connection limit derived from this process's file descriptor limit.
     *
     * @return the limits
     */
    public static ConnectionLimits defaults() {
        return new ConnectionLimits(defaultMaxConnections(), DEFAULT_REQUEST_HEAD_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
    }

    /**
     * The default connection limit: half of the file descriptors left after a reserve for the JVM, plugins,
     * MySQL connections, child processes and seed transfers, at most 1024 and at least 8. With
     * {@code ulimit -n 1024} that is 448; with the systemd unit's {@code LimitNOFILE=65536} it is 1024.
     *
     * @return the limit
     */
    public static int defaultMaxConnections() {
        return fromDescriptorLimit(maxFileDescriptors());
    }

    static int fromDescriptorLimit(long descriptors) {
        long half = (descriptors - RESERVED_DESCRIPTORS) / 2;
        return (int) Math.max(8, Math.min(MAX_DEFAULT_CONNECTIONS, half));
    }

    private static long maxFileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount()
                : RESERVED_DESCRIPTORS + 2L * MAX_DEFAULT_CONNECTIONS;
    }
}
