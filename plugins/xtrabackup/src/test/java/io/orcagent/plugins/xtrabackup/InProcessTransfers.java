package io.orcagent.plugins.xtrabackup;

import io.orcagent.api.Command;
import io.orcagent.api.CommandFailedException;
import io.orcagent.api.CommandResult;
import io.orcagent.api.CommandRunner;
import io.orcagent.api.RunningCommand;
import io.orcagent.api.StageAbortedException;
import io.orcagent.api.StageContext;
import io.orcagent.api.TransferService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test stand-in for the runtime's transfer service, not for any tool: the producer's stdout is piped
 * into the receiving agent's consumer stdin inside this JVM (real processes on both ends, no network),
 * with byte counting, a SHA-256 over the stream and the service's life-cycle rules (the receiver belongs
 * to the seed, outlives Prepare, is replaced by a retried Prepare and closed by the test). One instance is
 * the "network"; {@link #forHost} gives each agent its own view.
 */
final class InProcessTransfers implements AutoCloseable {

    private static final int BUFFER = 256 * 1024;

    private final Map<String, Map<Long, PipeReceiver>> receiversByHost = new ConcurrentHashMap<>();

    /**
     * The transfer service of one agent.
     *
     * @param host the agent's host name (what a peer's Backup stage names as target)
     * @param agentRunner the agent-wide runner: the consumer outlives the stage that opened it
     * @return the service
     */
    TransferService forHost(String host, CommandRunner agentRunner) {
        Map<Long, PipeReceiver> receivers = receiversByHost.computeIfAbsent(host, h -> new ConcurrentHashMap<>());
        return new TransferService() {
            @Override
            public Receiver receive(StageContext stage, Command consumer) throws IOException {
                PipeReceiver old = receivers.remove(stage.seedId());
                if (old != null) {
                    old.close();
                }
                PipeReceiver receiver = new PipeReceiver(stage.seedId(), agentRunner.start(consumer), consumer.program());
                receivers.put(stage.seedId(), receiver);
                return receiver;
            }

            @Override
            public Optional<Receiver> receiver(long seedId) {
                return Optional.ofNullable(receivers.get(seedId));
            }

            @Override
            public TransferResult send(StageContext stage, String targetHost, Command producer)
                    throws IOException, CommandFailedException, InterruptedException, StageAbortedException {
                Map<Long, PipeReceiver> remote = receiversByHost.getOrDefault(targetHost, Map.of());
                PipeReceiver receiver = remote.get(stage.seedId());
                if (receiver == null) {
                    throw new IOException("connection refused: " + targetHost + " has no receiver for seed " + stage.seedId());
                }
                return receiver.feedFrom(stage, producer);
            }
        };
    }

    /**
     * The receiver a host holds for a seed, for assertions.
     *
     * @param host the host
     * @param seedId the seed
     * @return the receiver
     */
    Optional<PipeReceiver> receiverOf(String host, long seedId) {
        return Optional.ofNullable(receiversByHost.getOrDefault(host, Map.of()).get(seedId));
    }

    /** Closes every receiver, as the runtime does after Cleanup. */
    @Override
    public void close() {
        receiversByHost.values().forEach(receivers -> {
            receivers.values().forEach(PipeReceiver::close);
            receivers.clear();
        });
    }

    /** One seed's receiving end: a running consumer and the outcome of the stream. */
    static final class PipeReceiver implements TransferService.Receiver {

        private final long seedId;
        private final RunningCommand consumer;
        private final String consumerName;
        private final AtomicLong bytes = new AtomicLong();
        private final CompletableFuture<TransferService.TransferResult> outcome = new CompletableFuture<>();

        PipeReceiver(long seedId, RunningCommand consumer, String consumerName) {
            this.seedId = seedId;
            this.consumer = Objects.requireNonNull(consumer, "consumer is null");
            this.consumerName = consumerName;
        }

        @Override
        public long seedId() {
            return seedId;
        }

        @Override
        public long bytesReceived() {
            return bytes.get();
        }

        /**
         * Whether the consumer process still runs.
         *
         * @return true while it runs
         */
        boolean consumerAlive() {
            return ProcessHandle.of(consumer.pid()).map(ProcessHandle::isAlive).orElse(false);
        }

        @Override
        public TransferService.TransferResult await(Duration timeout) throws IOException, InterruptedException {
            try {
                return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IOException("no complete stream within " + timeout);
            } catch (ExecutionException e) {
                throw new IOException(e.getCause().getMessage(), e.getCause());
            }
        }

        @Override
        public void close() {
            consumer.close();
            outcome.completeExceptionally(new IOException("receiver closed"));
        }

        TransferService.TransferResult feedFrom(StageContext stage, Command producer)
                throws IOException, CommandFailedException, InterruptedException, StageAbortedException {
            stage.throwIfCancelled();
            MessageDigest digest = sha256();
            IOException pipeFailure = null;
            CommandResult produced;
            try (RunningCommand running = stage.commands().start(producer)) {
                try (InputStream in = running.stdout(); OutputStream out = consumer.stdin()) {
                    byte[] buffer = new byte[BUFFER];
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, n);
                        digest.update(buffer, 0, n);
                        stage.progress().bytes(bytes.addAndGet(n), -1);
                    }
                } catch (IOException e) {
                    // the consumer stopped reading: its exit status below says why
                    pipeFailure = e;
                    running.kill();
                }
                produced = running.await();
            }
            CommandResult consumed = consumer.await();
            if (!produced.succeeded()) {
                stage.throwIfCancelled();
                CommandFailedException failure = new CommandFailedException(producer.program(), produced.exitCode(),
                        produced.stderrTail());
                outcome.completeExceptionally(failure);
                throw failure;
            }
            if (!consumed.succeeded() || pipeFailure != null) {
                IOException failure = new IOException(consumerName + " on the target exited with " + consumed.exitCode()
                        + ": " + consumed.stderrTail().strip());
                outcome.completeExceptionally(failure);
                throw failure;
            }
            TransferService.TransferResult result = new TransferService.TransferResult(bytes.get(),
                    "sha256:" + HexFormat.of().formatHex(digest.digest()));
            outcome.complete(result);
            return result;
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
