package io.orcagent.runtime.seed.legacy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.orcagent.api.Command;
import io.orcagent.api.Side;
import io.orcagent.api.TransferService;
import io.orcagent.runtime.seed.SeedEngine;

/**
 * The copies of upstream orchestrator's seed flow: the target receives a tar stream into its datadir,
 * the source sends its mounted snapshot's datadir; orchestrator polls completed/succeeded and may abort.
 * Unlike the Go agent, a killed copy counts as completed (and not succeeded), so orchestrator never
 * waits forever.
 */
public final class LegacySeedCopies implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LegacySeedCopies.class);
    private static final Duration RECEIVE_LIMIT = Duration.ofHours(48);

    private final TransferService transfer;
    private final SeedEngine.ProcessScopes scopes;
    private final Map<Long, Copy> copies = new ConcurrentHashMap<>();

    /**
     * Creates the registry.
     *
     * @param transfer the agent's transfer service
     * @param scopes process scopes for the copy commands
     */
    public LegacySeedCopies(TransferService transfer, SeedEngine.ProcessScopes scopes) {
        this.transfer = Objects.requireNonNull(transfer, "transfer is null");
        this.scopes = Objects.requireNonNull(scopes, "scopes is null");
    }

    /**
     * Target: receive into the datadir in the background.
     *
     * @param seedId the seed id
     * @param datadir the target datadir
     * @throws IOException when the listener cannot be opened
     */
    public void receive(long seedId, Path datadir) throws IOException {
        replace(seedId);
        LegacyCopyStage stage = new LegacyCopyStage(seedId, Side.TARGET, scopes.open());
        TransferService.Receiver receiver = transfer.receive(stage,
                Command.of("tar", "-x", "-C", datadir.toString()).asPrivileged());
        start(seedId, stage, () -> receiver.await(RECEIVE_LIMIT), receiver);
    }

    /**
     * Source: send a directory's contents to the target in the background.
     *
     * @param seedId the seed id
     * @param targetHost the target host (validated)
     * @param sourceDir the directory to send
     */
    public void send(long seedId, String targetHost, Path sourceDir) {
        replace(seedId);
        LegacyCopyStage stage = new LegacyCopyStage(seedId, Side.SOURCE, scopes.open());
        start(seedId, stage, () -> transfer.send(stage, targetHost,
                Command.of("tar", "-c", "-C", sourceDir.toString(), ".").asPrivileged()), null);
    }

    /**
     * Kills a copy (no-op when unknown).
     *
     * @param seedId the seed id
     */
    public void abort(long seedId) {
        Copy copy = copies.get(seedId);
        if (copy != null) {
            copy.abort();
        }
    }

    /**
     * Whether the copy ended (successfully, with an error, or killed). Unknown copies are not completed.
     *
     * @param seedId the seed id
     * @return true once ended
     */
    public boolean completed(long seedId) {
        Copy copy = copies.get(seedId);
        return copy != null && copy.done;
    }

    /**
     * Whether the copy ended successfully.
     *
     * @param seedId the seed id
     * @return true when succeeded
     */
    public boolean succeeded(long seedId) {
        Copy copy = copies.get(seedId);
        return copy != null && copy.done && copy.succeeded;
    }

    @Override
    public void close() {
        copies.values().forEach(Copy::abort);
    }

    private void replace(long seedId) {
        Copy old = copies.remove(seedId);
        if (old != null) {
            old.abort();
        }
    }

    private void start(long seedId, LegacyCopyStage stage, Work work, TransferService.Receiver receiver) {
        Copy copy = new Copy(stage, receiver);
        copies.put(seedId, copy);
        copy.thread = Thread.ofVirtual().name("legacy-seed-" + seedId).start(() -> {
            MDC.put("seed", Long.toString(seedId));
            try {
                work.run();
                copy.succeeded = !stage.cancelled();
                LOG.info("seed={} legacy copy ({}) completed", seedId, stage.side().wireName());
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.warn("seed={} legacy copy ({}) failed: {}", seedId, stage.side().wireName(), e.getMessage());
            } finally {
                copy.done = true;
                if (receiver != null) {
                    receiver.close();
                }
                stage.processes().close();
                MDC.remove("seed");
            }
        });
    }

    @FunctionalInterface
    private interface Work {
        Object run() throws Exception;
    }

    private static final class Copy {
        private final LegacyCopyStage stage;
        private final TransferService.Receiver receiver;
        private volatile Thread thread;
        private volatile boolean done;
        private volatile boolean succeeded;

        Copy(LegacyCopyStage stage, TransferService.Receiver receiver) {
            this.stage = stage;
            this.receiver = receiver;
        }

        void abort() {
            stage.cancel();
            if (receiver != null) {
                receiver.close();
            }
            Thread t = thread;
            if (t != null) {
                t.interrupt();
                try {
                    t.join(Duration.ofSeconds(20));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
