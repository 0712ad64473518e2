package io.orcagent.runtime.http;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helidon.common.socket.SocketOptions;

/**
 * Keeps idle and slow clients from holding the HTTP listener's connections. Helidon closes idle connections only
 * once they have sent a first request, so a connection that sends nothing (or stalls in the TLS handshake or in
 * the request head) would stay open for ever. The guard sees every accepted connection (through the listener's
 * {@link SocketOptions}, which Helidon applies to each accepted socket) and gives it a deadline: the request
 * head (and its body, if any) must be complete within {@link ConnectionLimits#requestHeadTimeout()} of the
 * accept, and the next one within {@link ConnectionLimits#idleTimeout()} of the previous answer. While a request
 * is being handled there is no deadline. A connection past its deadline has its input shut down, which ends Helidon's blocked read as
 * if the client had closed; if it is still open one sweep later, it is closed.
 *
 * <p>It also logs when the connection limit is reached: Helidon then stops accepting, silently.
 */
final class ConnectionGuard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final long NO_DEADLINE = Long.MAX_VALUE;
    private static final Duration LIMIT_LOG_INTERVAL = Duration.ofMinutes(1);

    private final ConnectionLimits limits;
    private final Map<Peers, Tracked> connections = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;
    private volatile long limitLoggedAt;

    ConnectionGuard(ConnectionLimits limits) {
        this.limits = limits;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "http-connection-guard");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(50, Math.min(1000, limits.requestHeadTimeout().toMillis() / 4));
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * The listener's socket options: {@code base}, plus registering every accepted connection with this guard.
     *
     * @param base the options to apply
     * @return options for {@code ListenerConfig.connectionOptions}
     */
    SocketOptions socketOptions(SocketOptions base) {
        return new GuardedSocketOptions(base, this);
    }

    /** A request (head and body) is in: no deadline while it is handled. */
    void requestStarted(SocketAddress remote, SocketAddress local) {
        Tracked tracked = connections.get(new Peers(remote, local));
        if (tracked != null) {
            tracked.deadline = NO_DEADLINE;
        }
    }

    /** The answer is written: the next request head must be complete within the idle timeout. */
    void requestFinished(SocketAddress remote, SocketAddress local) {
        Tracked tracked = connections.get(new Peers(remote, local));
        if (tracked != null) {
            tracked.deadline = System.nanoTime() + limits.idleTimeout().toNanos();
        }
    }

    /** Connections accepted and not yet closed. */
    int openConnections() {
        connections.values().removeIf(t -> !t.channel.isOpen());
        return connections.size();
    }

    // runs on the listener thread, right after accept and before the connection is handled
    private void accepted(SocketChannel channel) {
        try {
            Peers peers = new Peers(channel.getRemoteAddress(), channel.getLocalAddress());
            connections.put(peers, new Tracked(channel, System.nanoTime() + limits.requestHeadTimeout().toNanos()));
        } catch (IOException e) {
            LOG.debug("accepted connection already gone: {}", e.getMessage());
            return;
        }
        int open = openConnections();
        long now = System.nanoTime();
        if (open >= limits.maxConnections() && (limitLoggedAt == 0 || now - limitLoggedAt > LIMIT_LOG_INTERVAL.toNanos())) {
            limitLoggedAt = now;
            LOG.warn("HTTP connection limit reached: {} connections open (http-max-connections = {}); new connections"
                    + " wait until one closes (connections that send no complete request within {} are closed)",
                    open, limits.maxConnections(), seconds(limits.requestHeadTimeout()));
        }
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            connections.values().removeIf(tracked -> {
                if (!tracked.channel.isOpen()) {
                    return true;
                }
                if (now - tracked.deadline > 0) {
                    tracked.expire();
                }
                return false;
            });
        } catch (RuntimeException e) {
            LOG.warn("HTTP connection guard sweep failed", e);
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }

    private record Peers(SocketAddress remote, SocketAddress local) {
    }

    private static final class Tracked {
        private final SocketChannel channel;
        private volatile long deadline;
        private boolean inputShut;

        Tracked(SocketChannel channel, long deadline) {
            this.channel = channel;
            this.deadline = deadline;
        }

        // only the sweeper thread calls this
        void expire() {
            try {
                if (!inputShut) {
                    inputShut = true;
                    LOG.debug("closing HTTP connection from {}: no complete request in time", channel.getRemoteAddress());
                    channel.shutdownInput();
                } else {
                    channel.close();
                }
            } catch (IOException e) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closed either way
                }
            }
        }
    }

    /** Helidon's socket options, plus telling the guard about each accepted connection. */
    private record GuardedSocketOptions(SocketOptions base, ConnectionGuard guard) implements SocketOptions {

        @Override
        public void configureSocket(SocketChannel socket) {
            base.configureSocket(socket);
            guard.accepted(socket);
        }

        @Override
        public void configureSocket(java.net.Socket socket) {
            base.configureSocket(socket);
        }

        @Override
        public Map<SocketOption<?>, Object> socketOptions() {
            return base.socketOptions();
        }

        @Override
        public Duration connectTimeout() {
            return base.connectTimeout();
        }

        @Override
        public Duration readTimeout() {
            return base.readTimeout();
        }

        @Override
        public Optional<Integer> socketReceiveBufferSize() {
            return base.socketReceiveBufferSize();
        }

        @Override
        public Optional<Integer> socketSendBufferSize() {
            return base.socketSendBufferSize();
        }

        @Override
        public boolean socketReuseAddress() {
            return base.socketReuseAddress();
        }

        @Override
        public boolean socketKeepAlive() {
            return base.socketKeepAlive();
        }

        @Override
        public boolean tcpNoDelay() {
            return base.tcpNoDelay();
        }
    }
}
