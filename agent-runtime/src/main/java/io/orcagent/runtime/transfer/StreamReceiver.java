package io.orcagent.runtime.transfer;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.Serial;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.orcagent.api.Command;
import io.orcagent.api.CommandResult;
import io.orcagent.api.RunningCommand;
import io.orcagent.api.TransferService;
import io.orcagent.api.TransferService.TransferResult;

/**
 * The target's end of one seed's transfer: a listener that accepts exactly one valid connection for its
 * seed, and a pump from that connection into the consumer's stdin that verifies the end-to-end checksum.
 */
final class StreamReceiver implements TransferService.Receiver {

    private static final Logger LOG = LoggerFactory.getLogger(StreamReceiver.class);
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 15_000;
    /** How long a failing receiver reads on after its error reply, so closing does not reset it away. */
    private static final long LINGER_MILLIS = 2_000;
    private static final Duration CONSUMER_EXIT_WAIT = Duration.ofSeconds(5);
    private static final Duration ACCEPTOR_EXIT_WAIT = Duration.ofSeconds(2);
    private static final int BUFFER_BYTES = TransferProtocol.MAX_FRAME;

    private final long seedId;
    private final ServerSocket listener;
    private final String listenAddress;
    private final Command consumerCommand;
    private final RunningCommand consumer;
    private final OutputStream consumerIn;
    private final Optional<TransferTls> tls;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final AtomicBoolean settled = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<TransferResult> outcome = new CompletableFuture<>();
    private final CompletableFuture<CommandResult> consumerExit = new CompletableFuture<>();
    private final CompletableFuture<Void> consumerJudged = new CompletableFuture<>();
    private final Object replyLock = new Object();
    private volatile long received;
    private volatile boolean endReceived;
    private volatile boolean closed;
    private volatile Thread acceptor;
    private TransferConnection stream;
    private boolean replied;

    StreamReceiver(long seedId, ServerSocket listener, String listenAddress, Command consumerCommand,
                   RunningCommand consumer, Optional<TransferTls> tls) {
        this.seedId = seedId;
        this.listener = listener;
        this.listenAddress = listenAddress;
        this.consumerCommand = consumerCommand;
        this.consumer = consumer;
        this.consumerIn = consumer.stdin();
        this.tls = tls;
    }

    void start() {
        Thread.ofVirtual().name("transfer-" + seedId + "-consumer").start(this::watchConsumer);
        acceptor = Thread.ofPlatform().daemon().name("transfer-" + seedId + "-accept").start(this::acceptLoop);
    }

    @Override
    public long seedId() {
        return seedId;
    }

    @Override
    public long bytesReceived() {
        return received;
    }

    @Override
    public TransferResult await(Duration timeout) throws IOException, InterruptedException {
        try {
            return outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IOException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IOException("the transfer for seed " + seedId + " did not complete within "
                    + TransferProtocol.seconds(timeout) + " (" + received + " bytes received so far)");
        }
    }

    /**
     * Completes once the receiver has seen the consumer exit and reacted to it (tests use it to put the
     * end marker provably after the consumer's exit).
     *
     * @return the future
     */
    CompletableFuture<Void> consumerJudged() {
        return consumerJudged;
    }

    /**
     * Whether the receiver still waits for its stream: open, and no connection for its seed accepted yet.
     *
     * @return true while waiting
     */
    boolean waiting() {
        return !closed && !claimed.get() && !settled.get();
    }

    /**
     * Why the transfer failed (or the receiver was closed before it succeeded), once it has.
     *
     * @return the failure, if any
     */
    Optional<String> failure() {
        if (!outcome.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            outcome.join();
            return Optional.empty();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Optional.of(String.valueOf(cause.getMessage()));
        }
    }

    /** Whether the receiver has been closed (released, replaced, or closed by its user). */
    boolean isClosed() {
        return closed;
    }

    /** Stops accepting: the listener is closed and its port free when this returns. */
    void closeListener() {
        closed = true;
        TransferSockets.close(listener);
        awaitAcceptor();
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closeListener();
        boolean wasRunning = fail("the receiver for seed " + seedId + " was closed on the target after " + received
                + " bytes");
        for (Socket connection : List.copyOf(connections)) {
            TransferSockets.close(connection);
        }
        if (!wasRunning) {
            consumer.kill(); // normally gone already; make sure
        }
    }

    /** The port is free only once the thread blocked in accept() has left it. */
    private void awaitAcceptor() {
        Thread thread = acceptor;
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        try {
            if (!thread.join(ACCEPTOR_EXIT_WAIT)) {
                LOG.warn("seed={} the transfer listener on {} did not close within {}", seedId, listenAddress,
                        ACCEPTOR_EXIT_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed && !claimed.get()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed && !claimed.get()) {
                    fail("the transfer listener on " + listenAddress + " failed: " + e.getMessage());
                }
                return;
            }
            connections.add(socket);
            Thread.ofVirtual().name("transfer-" + seedId + "-conn").start(() -> handle(socket));
        }
    }

    /** Handshake with one connection; the first valid one for this seed becomes the stream. */
    private void handle(Socket accepted) {
        String peer = TransferSockets.hostPort(accepted.getInetAddress().getHostAddress(), accepted.getPort());
        TransferConnection connection;
        try {
            TransferSockets.tune(accepted);
            accepted.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
            connection = tls.isPresent() ? TransferConnection.accepted(accepted, tls.get())
                    : TransferConnection.plain(accepted);
            boolean certified = tls.isEmpty() || !tls.get().mutual() || connection.peerCertified();
            byte[] header = new DataInputStream(connection.in()).readNBytes(TransferProtocol.HEADER_BYTES);
            Optional<String> refusal = certified ? refusal(header)
                    : Optional.of("this agent requires the sending agent's certificate (transfer-mutual-tls)");
            if (refusal.isEmpty() && (closed || !claimed.compareAndSet(false, true))) {
                refusal = Optional.of("another connection is already streaming seed " + seedId);
            }
            if (refusal.isPresent()) {
                LOG.info("seed={} refused a transfer connection from {}: {}", seedId, peer, refusal.get());
                TransferProtocol.writeStatus(connection.out(), TransferProtocol.REFUSED, refusal.get());
                forget(accepted);
                return;
            }
        } catch (IOException e) {
            LOG.info("seed={} transfer connection from {} failed before streaming: {}", seedId, peer, e.toString());
            forget(accepted);
            return;
        }
        TransferSockets.close(listener); // one-shot: the valid connection has arrived
        LOG.info("seed={} accepted the transfer stream from {} ({})", seedId, peer, connection.describe());
        pump(connection, peer);
        forget(accepted);
    }

    private Optional<String> refusal(byte[] header) {
        if (header.length < TransferProtocol.HEADER_BYTES) {
            return Optional.of("the connection ended within the header");
        }
        ByteBuffer fields = ByteBuffer.wrap(header);
        if (fields.getInt() != TransferProtocol.MAGIC) {
            return Optional.of("not an orchestrator-agent transfer stream");
        }
        short version = fields.getShort();
        if (version != TransferProtocol.VERSION) {
            return Optional.of("transfer protocol version " + version + " is not supported (this agent speaks "
                    + TransferProtocol.VERSION + ")");
        }
        long wanted = fields.getLong();
        if (wanted != seedId) {
            return Optional.of("this agent is waiting for seed " + seedId + ", not seed " + wanted);
        }
        return Optional.empty();
    }

    private void pump(TransferConnection connection, String peer) {
        synchronized (replyLock) {
            stream = connection;
        }
        try {
            TransferProtocol.writeStatus(connection.out(), TransferProtocol.ACCEPTED, "");
            connection.timeout(0);
            TransferResult result = streamFrames(new DataInputStream(connection.in()));
            finish(result, peer);
        } catch (TransferFailure e) {
            fail(e.getMessage());
        } catch (EOFException e) {
            fail("the source closed the connection after " + received + " bytes, before the end of the stream");
        } catch (IOException e) {
            fail("the connection from the source broke after " + received + " bytes: " + e.getMessage());
        } catch (InterruptedException e) {
            fail("the receiver was interrupted after " + received + " bytes");
            Thread.currentThread().interrupt();
        } finally {
            if (!closed) {
                // also after OK: under TLS 1.3 the source may still have to answer a KeyUpdate this side's
                // reads requested; closing first would break its read of the reply (Broken pipe)
                drain(connection);
            }
        }
    }

    private TransferResult streamFrames(DataInputStream in) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        CRC32C crc = new CRC32C();
        long count = 0;
        long afterExit = 0; // payload that arrived once the consumer had exited with 0: counted, not written
        while (true) {
            int length = in.readInt();
            if (length > 0) {
                if (length > TransferProtocol.MAX_FRAME) {
                    throw new TransferFailure("the source sent a frame of " + length + " bytes (at most "
                            + TransferProtocol.MAX_FRAME + " are allowed)");
                }
                int left = length;
                while (left > 0) {
                    int n = in.read(buffer, 0, Math.min(left, buffer.length));
                    if (n < 0) {
                        throw new EOFException();
                    }
                    crc.update(buffer, 0, n);
                    if (afterExit > 0 || consumerEndedCleanly() || !feedConsumer(buffer, n, count)) {
                        afterExit += n;
                    }
                    left -= n;
                    count += n;
                    received = count;
                }
                if (settled.get()) {
                    throw new TransferFailure("stopped");
                }
            } else if (length == TransferProtocol.END) {
                long sentBytes = in.readLong();
                int sentCrc = in.readInt();
                endReceived = true;
                int receivedCrc = (int) crc.getValue();
                if (sentBytes != count || sentCrc != receivedCrc) {
                    throw new TransferFailure("checksum mismatch: received " + count + " bytes with "
                            + TransferProtocol.checksumText(receivedCrc) + ", the source sent " + sentBytes
                            + " bytes with " + TransferProtocol.checksumText(sentCrc));
                }
                if (afterExit > 0) {
                    throw new TransferFailure("the consumer " + consumerCommand.program()
                            + " ended before the end of the stream, after " + (count - afterExit) + " bytes ("
                            + exited(consumerExit.join()) + "), but " + afterExit + " more payload bytes followed");
                }
                return new TransferResult(count, TransferProtocol.checksumText(receivedCrc));
            } else if (length == TransferProtocol.ABORT) {
                throw new TransferFailure("the source gave up after " + count + " bytes: " + in.readUTF());
            } else {
                throw new TransferFailure("the source sent an invalid frame length " + length);
            }
        }
    }

    /**
     * Writes payload to the consumer.
     *
     * @return false when the consumer turned out to have exited with 0 (the bytes were not delivered)
     * @throws TransferFailure when the consumer stopped reading otherwise
     */
    private boolean feedConsumer(byte[] buffer, int n, long before) throws TransferFailure {
        try {
            consumerIn.write(buffer, 0, n);
            consumerIn.flush(); // small frames would otherwise wait in the pipe's buffer for the next write
            return true;
        } catch (IOException e) {
            Optional<CommandResult> exit = consumerExitWithin(CONSUMER_EXIT_WAIT);
            if (exit.isPresent() && exit.get().succeeded()) {
                return false;
            }
            throw new TransferFailure(consumerStopped(before, exit, e));
        }
    }

    /** The consumer exited with 0 (tar does at its end-of-archive blocks, possibly before the end marker). */
    private boolean consumerEndedCleanly() {
        return consumerExit.isDone() && !consumerExit.isCompletedExceptionally() && consumerExit.join().succeeded();
    }

    /** After a verified end marker: lets the consumer finish, then answers the source. */
    private boolean finish(TransferResult result, String peer) throws IOException, InterruptedException {
        try {
            consumerIn.close();
        } catch (IOException e) {
            if (!consumerEndedCleanly()) {
                throw new TransferFailure(consumerStopped(result.bytes(), consumerExitWithin(CONSUMER_EXIT_WAIT), e));
            }
        }
        CommandResult exit;
        try {
            exit = consumerExit.get();
        } catch (ExecutionException e) {
            throw new TransferFailure("waiting for the consumer " + consumerCommand.program() + " failed: "
                    + e.getCause());
        }
        if (!exit.succeeded()) {
            throw new TransferFailure("the consumer " + consumerCommand.program() + " failed after all "
                    + result.bytes() + " bytes arrived: " + exited(exit));
        }
        if (!settled.compareAndSet(false, true)) {
            return false; // closed meanwhile
        }
        outcome.complete(result);
        LOG.info("seed={} received {} bytes from {}, checksum {} verified, {} exited with 0", seedId,
                result.bytes(), peer, result.checksum(), consumerCommand.program());
        reply(TransferProtocol.OK, "");
        return true;
    }

    /**
     * Fails the transfer once: kills the consumer, tells the source why, and only then lets
     * {@link #await} report it, so whoever sees the failure no longer finds the consumer running.
     *
     * @return whether this call failed it (false when it had already ended)
     */
    private boolean fail(String message) {
        if (!settled.compareAndSet(false, true)) {
            return false;
        }
        if (closed) {
            LOG.info("seed={} transfer receiver closed after {} bytes", seedId, received);
        } else {
            LOG.warn("seed={} transfer failed: {}", seedId, message);
        }
        consumer.kill();
        reply(TransferProtocol.ERROR, message);
        outcome.completeExceptionally(new IOException(message));
        return true;
    }

    private void reply(int status, String message) {
        synchronized (replyLock) {
            if (replied || stream == null) {
                return;
            }
            replied = true;
            try {
                TransferProtocol.writeStatus(stream.out(), status, message);
                if (status != TransferProtocol.OK) {
                    stream.endOutput();
                }
            } catch (IOException e) {
                LOG.debug("seed={} could not send the transfer reply: {}", seedId, e.toString());
            }
        }
    }

    /**
     * Consumer ended before the end marker: with a non-zero status the transfer fails at once; with 0 it is
     * judged when the end marker arrives (it fails if payload still followed or the checksum differs).
     */
    private void watchConsumer() {
        try {
            CommandResult exit;
            try {
                exit = consumer.await();
            } catch (InterruptedException e) {
                consumerExit.completeExceptionally(e);
                return;
            }
            consumerExit.complete(exit);
            if (!endReceived && exit.succeeded()) {
                // tar -x exits at its end-of-archive blocks, which may come before the end marker: judged there
                LOG.info("seed={} the consumer {} exited with 0 after {} bytes, before the end of the stream; the"
                        + " transfer is judged when the end marker arrives", seedId, consumerCommand.program(), received);
            } else if (!endReceived) {
                fail("the consumer " + consumerCommand.program() + " ended before the end of the stream, after "
                        + received + " bytes: " + exited(exit));
            }
        } finally {
            consumerJudged.complete(null);
        }
    }

    private Optional<CommandResult> consumerExitWithin(Duration wait) {
        try {
            return Optional.of(consumerExit.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException ignored) {
            return Optional.empty();
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private String consumerStopped(long bytes, Optional<CommandResult> exit, IOException e) {
        return "the consumer " + consumerCommand.program() + " stopped reading after " + bytes + " bytes: "
                + exit.map(this::exited).orElse(e.getMessage());
    }

    private String exited(CommandResult exit) {
        String how = exit.killed() ? "it was killed" : "it exited with " + exit.exitCode();
        return exit.stderrTail().isBlank() ? how : how + ": " + exit.stderrTail().strip();
    }

    /** Reads and discards until the source closes (it stops once it has our error reply), at most briefly. */
    private void drain(TransferConnection connection) {
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
            InputStream in = connection.in();
            byte[] sink = new byte[64 * 1024];
            connection.timeout((int) LINGER_MILLIS);
            while (System.nanoTime() < deadline && in.read(sink) >= 0) {
                // discard
            }
        } catch (SocketTimeoutException e) {
            LOG.debug("seed={} the source did not close the connection after the reply", seedId);
        } catch (IOException e) {
            // already gone: nothing to drain
        }
    }

    private void forget(Socket accepted) {
        TransferSockets.close(accepted);
        connections.remove(accepted);
    }

    /** A failure whose message is final. */
    private static final class TransferFailure extends IOException {
        @Serial
        private static final long serialVersionUID = 1L;

        TransferFailure(String message) {
            super(message);
        }
    }
}
