package io.orcagent.plugins.lvm;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runtime side of streaming for tests where both agents live in one JVM: the producer's stdout is
 * copied into the consumer's stdin in-process, with a byte count and a SHA-256 both ends agree on. The
 * producer and consumer are real processes started by the runtime's process runner; only the network
 * hop of the runtime's transfer service is left out.
 */
final class PipeTransferService implements TransferService {

    private final CommandRunner receiverRunner;
    private final Map<Long, PipeReceiver> receivers = new ConcurrentHashMap<>();
    private final List<String> targetHosts = new CopyOnWriteArrayList<>();

    /**
     * Creates the service.
     *
     * @param receiverRunner starts the consumers (they belong to the seed, not to a stage)
     */
    PipeTransferService(CommandRunner receiverRunner) {
        this.receiverRunner = receiverRunner;
    }

    @Override
    public Receiver receive(StageContext stage, Command consumer) throws IOException {
        PipeReceiver old = receivers.remove(stage.seedId());
        if (old != null) {
            old.close();
        }
        PipeReceiver receiver = new PipeReceiver(stage.seedId(), receiverRunner.start(consumer), consumer.program());
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
        targetHosts.add(targetHost);
        PipeReceiver receiver = receivers.get(stage.seedId());
        if (receiver == null) {
            throw new IOException(targetHost + " refused the stream: no receiver for seed " + stage.seedId());
        }
        MessageDigest digest = sha256();
        long bytes = 0;
        RunningCommand running = receiver.start(stage, producer);
        try {
            try (InputStream in = running.stdout(); OutputStream out = receiver.consumerStdin()) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    stage.throwIfCancelled();
                    out.write(buffer, 0, n);
                    digest.update(buffer, 0, n);
                    bytes += n;
                    receiver.received.set(bytes);
                    stage.progress().bytes(bytes, -1);
                }
            }
            CommandResult result = running.await();
            if (!result.succeeded()) {
                receiver.sent.completeExceptionally(new IOException("the sender's " + producer.program() + " failed"));
                throw new CommandFailedException(producer.program(), result.exitCode(), result.stderrTail());
            }
        } finally {
            running.close();
        }
        TransferResult result = new TransferResult(bytes, HexFormat.of().formatHex(digest.digest()));
        receiver.sent.complete(result);
        return result;
    }

    /**
     * The target hosts senders named, in order.
     *
     * @return the hosts
     */
    List<String> targetHosts() {
        return List.copyOf(targetHosts);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The consumer side of one seed. */
    private final class PipeReceiver implements Receiver {

        private final long seedId;
        private final RunningCommand consumer;
        private final String program;
        private final AtomicLong received = new AtomicLong();
        private final CompletableFuture<TransferResult> sent = new CompletableFuture<>();

        PipeReceiver(long seedId, RunningCommand consumer, String program) {
            this.seedId = seedId;
            this.consumer = consumer;
            this.program = program;
        }

        RunningCommand start(StageContext stage, Command producer) throws CommandFailedException, IOException {
            try {
                return stage.commands().start(producer);
            } catch (IOException e) {
                throw new CommandFailedException(producer.program(), -1, e.getMessage());
            }
        }

        OutputStream consumerStdin() {
            return consumer.stdin();
        }

        @Override
        public long seedId() {
            return seedId;
        }

        @Override
        public long bytesReceived() {
            return received.get();
        }

        @Override
        public TransferResult await(Duration timeout) throws IOException, InterruptedException {
            TransferResult result;
            try {
                result = sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IOException("no complete stream for seed " + seedId + " within " + timeout);
            } catch (ExecutionException e) {
                throw new IOException(e.getCause().getMessage(), e.getCause());
            }
            CommandResult consumed = consumer.await();
            if (!consumed.succeeded()) {
                throw new IOException(program + " exited with " + consumed.exitCode() + ": " + consumed.stderrTail().strip());
            }
            return result;
        }

        @Override
        public void close() {
            consumer.close();
            receivers.remove(seedId, this);
        }
    }
}
