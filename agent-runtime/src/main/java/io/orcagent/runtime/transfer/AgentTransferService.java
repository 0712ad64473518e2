package io.orcagent.runtime.transfer;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.orcagent.api.Command;
import io.orcagent.api.CommandFailedException;
import io.orcagent.api.CommandRunner;
import io.orcagent.api.RunningCommand;
import io.orcagent.api.StageAbortedException;
import io.orcagent.api.StageContext;
import io.orcagent.api.TransferService;
import io.orcagent.runtime.seed.SeedResources;

/**
 * The agent's {@link TransferService}: at most one receiver at a time (it belongs to a seed and lives until
 * {@link #release(long)}, a new receiver, or {@link #close()}), and senders that stream inside the Backup
 * stage. Consumers start through the agent-wide command runner, because they outlive the stage that opened
 * them; producers start through the stage's runner, so an abort kills them with the stage.
 */
public final class AgentTransferService implements TransferService, SeedResources, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentTransferService.class);
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:-]{1,253}");

    private final TransferSettings settings;
    private final CommandRunner agentCommands;
    private final StreamSender sender;
    private final Object lock = new Object();
    private StreamReceiver current;
    /** The last receiver opened, kept after it is closed to tell what became of it. */
    private StreamReceiver last;
    private boolean closed;

    /**
     * Creates the service.
     *
     * @param settings bind address, seed port, TLS and bandwidth cap
     * @param agentCommands the agent-wide command runner (the agent's {@code ProcessCommandRunner}), which
     *     starts consumers as argument lists and kills their process trees at shutdown
     */
    public AgentTransferService(TransferSettings settings, CommandRunner agentCommands) {
        this(settings, agentCommands, BandwidthLimiter.SYSTEM);
    }

    AgentTransferService(TransferSettings settings, CommandRunner agentCommands, BandwidthLimiter.Ticker ticker) {
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.agentCommands = Objects.requireNonNull(agentCommands, "agentCommands is null");
        this.sender = new StreamSender(settings, ticker);
    }

    @Override
    public Receiver receive(StageContext stage, Command consumer) throws IOException {
        Objects.requireNonNull(stage, "stage is null");
        Objects.requireNonNull(consumer, "consumer is null");
        if (consumer.stdinFrom().isPresent()) {
            throw new IllegalArgumentException("the consumer " + consumer.program()
                    + " must read the transfer from stdin, not from a file");
        }
        long seedId = stage.seedId();
        synchronized (lock) {
            if (closed) {
                throw new IOException("the agent is shutting down; not opening a receiver for seed " + seedId);
            }
            closeCurrent();
            ServerSocket listener = TransferSockets.listen(settings.bindAddress(), settings.port());
            RunningCommand running;
            try {
                running = agentCommands.start(consumer);
            } catch (IOException | RuntimeException e) {
                TransferSockets.close(listener);
                throw new IOException("cannot start the consumer " + consumer.program() + " for seed " + seedId
                        + ": " + e.getMessage(), e);
            }
            String address = TransferSockets.hostPort(settings.bindAddress(), listener.getLocalPort());
            current = new StreamReceiver(seedId, listener, address, consumer, running, settings.tls());
            last = current;
            current.start();
            LOG.info("seed={} transfer receiver listening on {} ({}), consumer {} (pid {})", seedId, address,
                    settings.tls().isPresent() ? (settings.tls().get().mutual() ? "mutual TLS" : "TLS") : "plain TCP",
                    consumer.program(), running.pid());
            return current;
        }
    }

    @Override
    public Optional<Receiver> receiver(long seedId) {
        synchronized (lock) {
            if (current == null || current.seedId() != seedId || current.isClosed()) {
                return Optional.empty();
            }
            return Optional.of(current);
        }
    }

    @Override
    public Optional<String> spent(long seedId) {
        synchronized (lock) {
            if (last == null || last.seedId() != seedId || last.waiting()) {
                return Optional.empty();
            }
            Optional<String> failure = last.failure();
            if (failure.isPresent()) {
                return Optional.of("its transfer receiver failed: " + failure.get());
            }
            return Optional.of(last.isClosed() && current != last ? "its transfer receiver was closed"
                    : "its transfer receiver has already taken a stream (" + last.bytesReceived() + " bytes)");
        }
    }

    @Override
    public Optional<String> failure(long seedId) {
        synchronized (lock) {
            if (last == null || last.seedId() != seedId) {
                return Optional.empty();
            }
            return last.failure().map(f -> "its transfer receiver failed: " + f);
        }
    }

    @Override
    public TransferResult send(StageContext stage, String targetHost, Command producer)
            throws IOException, CommandFailedException, InterruptedException, StageAbortedException {
        Objects.requireNonNull(stage, "stage is null");
        Objects.requireNonNull(producer, "producer is null");
        if (producer.stdoutTo().isPresent()) {
            throw new IllegalArgumentException("the producer " + producer.program()
                    + " must write the transfer to stdout, not to a file");
        }
        String host = literalHost(targetHost);
        stage.throwIfCancelled();
        return sender.send(stage, host, producer);
    }

    /**
     * Closes this seed's receiver, if this agent holds one: the listener at once (the port is free when this
     * returns), the connection and the consumer's process tree in the background, because the seed engine
     * calls this under its lock and a consumer that ignores SIGTERM takes the kill grace period to die.
     * {@link Receiver#await} reports the failure once the consumer is gone.
     *
     * @param seedId the seed
     */
    @Override
    public void release(long seedId) {
        StreamReceiver victim;
        synchronized (lock) {
            if (current == null || current.seedId() != seedId) {
                return;
            }
            victim = current;
            current = null;
        }
        try {
            victim.closeListener();
        } catch (RuntimeException e) {
            LOG.warn("seed={} closing the transfer listener failed: {}", seedId, e.toString());
        }
        Thread.ofVirtual().name("transfer-" + seedId + "-release").start(victim::close);
    }

    /** Closes the receiver, whichever seed it belongs to, and opens no more; for agent shutdown. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            closeCurrent();
        }
    }

    private void closeCurrent() {
        if (current == null) {
            return;
        }
        try {
            current.close();
        } catch (RuntimeException e) {
            LOG.warn("seed={} closing the transfer receiver failed: {}", current.seedId(), e.toString());
        }
        current = null;
    }

    private static String literalHost(String host) {
        Objects.requireNonNull(host, "targetHost is null");
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!HOST.matcher(bare).matches()) {
            throw new IllegalArgumentException("not a host name or IP address: \"" + host + "\"");
        }
        return bare;
    }
}
