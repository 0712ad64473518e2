package io.orcagent.runtime.transfer;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.Serial;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.orcagent.api.Command;
import io.orcagent.api.CommandFailedException;
import io.orcagent.api.CommandResult;
import io.orcagent.api.RunningCommand;
import io.orcagent.api.StageAbortedException;
import io.orcagent.api.StageContext;
import io.orcagent.api.TransferService.TransferResult;

/**
 * The source's end of one transfer: connects to the target's listener, runs the producer and streams its
 * stdout in frames, then waits for the target's verdict. The stream is pumped on a platform thread while
 * the caller's thread watches the stage and stops everything promptly when it is aborted.
 */
final class StreamSender {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSender.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 15_000;
    private static final long RETRY_PAUSE_MILLIS = 200;
    private static final long WATCH_MILLIS = 100;
    private static final long PROGRESS_NANOS = 250_000_000L;
    private static final long REPLY_WAIT_MILLIS = 2_000;
    private static final long PUMP_EXIT_WAIT_MILLIS = 10_000;

    private final TransferSettings settings;
    private final BandwidthLimiter.Ticker ticker;

    StreamSender(TransferSettings settings, BandwidthLimiter.Ticker ticker) {
        this.settings = settings;
        this.ticker = ticker;
    }

    TransferResult send(StageContext stage, String host, Command producer)
            throws IOException, CommandFailedException, InterruptedException, StageAbortedException {
        String target = TransferSockets.hostPort(host, settings.port());
        TransferConnection connection = connect(stage, host, target);
        RunningCommand process;
        try {
            process = stage.commands().start(producer);
        } catch (IOException e) {
            abortQuietly(connection, "the producer " + producer.program() + " could not start");
            connection.close();
            stage.throwIfCancelled();
            throw new CommandFailedException(producer.program(), -1, e.getMessage());
        }
        LOG.info("seed={} streaming the output of {} (pid {}) to {} ({})", stage.seedId(), producer.program(),
                process.pid(), target, settings.tls().isPresent() ? "TLS" : "plain TCP");
        Stream stream = new Stream(stage, connection, producer, process, target);
        Thread pump = Thread.ofPlatform().daemon().name("transfer-" + stage.seedId() + "-send").start(stream::run);
        try {
            return supervise(stage, stream);
        } finally {
            stream.stop();
            pump.interrupt(); // a pump waiting for the bandwidth cap wakes up at once
            awaitEnd(pump);
        }
    }

    /** Lets the pump thread finish its clean-up, even when this thread has been interrupted. */
    private static void awaitEnd(Thread pump) {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PUMP_EXIT_WAIT_MILLIS);
        while (pump.isAlive() && System.nanoTime() - deadline < 0) {
            try {
                pump.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the pump, polling the stage so an abort stops the stream within a fraction of a second. */
    private TransferResult supervise(StageContext stage, Stream stream)
            throws IOException, CommandFailedException, InterruptedException, StageAbortedException {
        while (true) {
            try {
                return stream.outcome.get(WATCH_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (stage.cancelled()) {
                    stream.stop();
                    throw aborted(stage);
                }
            } catch (InterruptedException e) {
                stream.stop();
                if (stage.cancelled()) {
                    throw aborted(stage);
                }
                throw e;
            } catch (ExecutionException e) {
                if (stage.cancelled()) {
                    throw aborted(stage);
                }
                switch (e.getCause()) {
                    case IOException io -> throw io;
                    case CommandFailedException failed -> throw failed;
                    case InterruptedException interrupted -> throw interrupted;
                    case RuntimeException runtime -> throw runtime;
                    case Error error -> throw error;
                    default -> throw new IOException(e.getCause());
                }
            }
        }
    }

    private static StageAbortedException aborted(StageContext stage) {
        return new StageAbortedException("stage " + stage.stage().wireName() + " of seed " + stage.seedId()
                + " was aborted; the transfer was stopped");
    }

    /** Connects and completes the handshake, retrying while the target's listener is not up yet. */
    private TransferConnection connect(StageContext stage, String host, String target)
            throws IOException, InterruptedException, StageAbortedException {
        InetSocketAddress address = new InetSocketAddress(host, settings.port());
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve the target host " + host);
        }
        long deadline = System.nanoTime() + settings.connectWindow().toNanos();
        while (true) {
            stage.throwIfCancelled();
            Socket socket = new Socket();
            try {
                TransferSockets.tune(socket);
                socket.connect(address, CONNECT_TIMEOUT_MILLIS);
            } catch (ConnectException | NoRouteToHostException | SocketTimeoutException e) {
                TransferSockets.close(socket);
                if (System.nanoTime() - deadline >= 0) {
                    throw new IOException("cannot connect to the transfer listener of " + target + " within "
                            + TransferProtocol.seconds(settings.connectWindow()) + ": " + e.getMessage()
                            + " (is the target's receiver open for seed " + stage.seedId() + "?)", e);
                }
                pause(stage);
                continue;
            } catch (IOException e) {
                TransferSockets.close(socket);
                stage.throwIfCancelled();
                throw new IOException("cannot connect to the transfer listener of " + target + ": " + e.getMessage(), e);
            }
            return handshake(stage, socket, host, target);
        }
    }

    private static void pause(StageContext stage) throws InterruptedException, StageAbortedException {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            stage.throwIfCancelled();
            throw e;
        }
    }

    private TransferConnection handshake(StageContext stage, Socket socket, String host, String target)
            throws IOException {
        boolean secure = settings.tls().isPresent();
        try {
            socket.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
            TransferConnection connection = secure
                    ? TransferConnection.connected(socket, host, settings.port(), settings.tls().get())
                    : TransferConnection.plain(socket);
            OutputStream out = connection.out();
            out.write(TransferProtocol.header(stage.seedId()));
            out.flush();
            String refusal = TransferProtocol.readStatus(new DataInputStream(connection.in()), "handshake answer");
            if (refusal != null) {
                connection.close();
                throw new Refused("the target " + target + " refused the transfer: " + refusal);
            }
            connection.timeout(0);
            return connection;
        } catch (Refused e) {
            throw e;
        } catch (TransferProtocol.ForeignAnswer e) {
            TransferSockets.close(socket);
            throw new IOException("the target " + target + " did not answer like an orchestrator-agent receiver"
                    + " (is transfer-use-tls the same on both agents?)", e);
        } catch (IOException e) {
            TransferSockets.close(socket);
            String detail = e instanceof EOFException ? "the target closed the connection" : e.getMessage();
            if (secure) {
                throw new IOException("the TLS handshake with the target " + target + " failed: " + detail
                        + " (transfer-use-tls, transfer-mutual-tls and the certificates must match on both agents)", e);
            }
            throw new IOException("the handshake with the target " + target + " failed: " + detail
                    + " (is transfer-use-tls the same on both agents?)", e);
        }
    }

    /** The target answered the handshake with a refusal: final, no retry. */
    private static final class Refused extends IOException {
        @Serial
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static void abortQuietly(TransferConnection connection, String reason) {
        try {
            TransferProtocol.writeAbort(connection.out(), reason);
        } catch (IOException e) {
            // the target will see the connection end instead of the reason
        }
    }

    /** One running stream: the pump, the reply reader and the stop switch. */
    private final class Stream {

        private final StageContext stage;
        private final TransferConnection connection;
        private final Command producer;
        private final RunningCommand process;
        private final String target;
        private final CompletableFuture<TransferResult> outcome = new CompletableFuture<>();
        private final CompletableFuture<Optional<String>> verdict = new CompletableFuture<>();
        private final AtomicBoolean producerKilled = new AtomicBoolean();
        private volatile boolean stopping;
        private volatile boolean endSent;

        Stream(StageContext stage, TransferConnection connection, Command producer, RunningCommand process,
               String target) {
            this.stage = stage;
            this.connection = connection;
            this.producer = producer;
            this.process = process;
            this.target = target;
        }

        void run() {
            try {
                Thread.ofVirtual().name("transfer-" + stage.seedId() + "-replies").start(this::readVerdict);
                if (producer.stdinFrom().isEmpty()) {
                    process.stdin().close(); // the producer gets EOF rather than waiting for input
                }
                outcome.complete(pump());
            } catch (IOException | CommandFailedException | InterruptedException | RuntimeException e) {
                outcome.completeExceptionally(e);
            } finally {
                connection.close();
                killProducer();
            }
        }

        private TransferResult pump() throws IOException, CommandFailedException, InterruptedException {
            long cap = settings.bandwidthLimit();
            BandwidthLimiter limiter = cap > 0 ? new BandwidthLimiter(cap, ticker) : null;
            int chunk = cap > 0 ? BandwidthLimiter.chunkSize(cap, TransferProtocol.MAX_FRAME) : TransferProtocol.MAX_FRAME;
            byte[] frame = new byte[TransferProtocol.FRAME_HEADER_BYTES + chunk];
            CRC32C crc = new CRC32C();
            InputStream source = process.stdout();
            OutputStream out = connection.out();
            long sent = 0;
            long started = ticker.nanoTime();
            long reported = started;
            while (true) {
                int n;
                try {
                    n = fill(source, frame, chunk);
                } catch (IOException e) {
                    throw stopped(new IOException("reading the output of " + producer.program() + " failed: "
                            + e.getMessage(), e));
                }
                if (n < 0) {
                    break;
                }
                if (limiter != null) {
                    limiter.acquire(n);
                }
                crc.update(frame, TransferProtocol.FRAME_HEADER_BYTES, n);
                frame[0] = (byte) (n >>> 24);
                frame[1] = (byte) (n >>> 16);
                frame[2] = (byte) (n >>> 8);
                frame[3] = (byte) n;
                try {
                    out.write(frame, 0, TransferProtocol.FRAME_HEADER_BYTES + n);
                } catch (IOException e) {
                    throw targetFailure(e, sent);
                }
                sent += n;
                long now = ticker.nanoTime();
                if (now - reported >= PROGRESS_NANOS) {
                    stage.progress().bytes(sent, -1);
                    reported = now;
                }
            }
            CommandResult exit = process.await();
            if (stopping) {
                throw new IOException("the transfer was stopped");
            }
            if (!exit.succeeded()) {
                CommandFailedException failure = new CommandFailedException(producer.program(), exit.exitCode(),
                        exit.stderrTail());
                abortQuietly(connection, failure.getMessage());
                throw failure;
            }
            int checksum = (int) crc.getValue();
            // set before the write: the target may answer OK before this thread gets past flush()
            endSent = true;
            try {
                out.write(TransferProtocol.endMarker(sent, checksum));
                out.flush();
            } catch (IOException e) {
                throw targetFailure(e, sent);
            }
            Optional<String> error = awaitVerdict();
            if (error.isPresent()) {
                throw new IOException("the target " + target + " failed the transfer: " + error.get());
            }
            stage.progress().bytes(sent, sent);
            TransferResult result = new TransferResult(sent, TransferProtocol.checksumText(checksum));
            double seconds = Math.max(1e-9, (ticker.nanoTime() - started) / 1e9);
            LOG.info("seed={} sent {} bytes to {} in {}s ({} MiB/s), checksum {} confirmed", stage.seedId(), sent,
                    target, String.format(Locale.ROOT, "%.1f", seconds),
                    String.format(Locale.ROOT, "%.1f", sent / seconds / (1 << 20)), result.checksum());
            return result;
        }

        /**
         * Reads what the producer has written so far, up to a frame: at least one read, then more while the pipe
         * holds data (a pipe hands out at most 64 KiB per read; bigger frames mean fewer writes downstream).
         *
         * @return bytes read, or -1 at the end of the output
         */
        private static int fill(InputStream source, byte[] frame, int chunk) throws IOException {
            int n = source.read(frame, TransferProtocol.FRAME_HEADER_BYTES, chunk);
            while (n > 0 && n < chunk && source.available() > 0) {
                int more = source.read(frame, TransferProtocol.FRAME_HEADER_BYTES + n, chunk - n);
                if (more < 0) {
                    break;
                }
                n += more;
            }
            return n;
        }

        /** Reads the target's single reply; an error reply stops the pump's writes by closing the socket. */
        private void readVerdict() {
            try {
                String error = TransferProtocol.readStatus(new DataInputStream(connection.in()), "reply");
                if (error == null && !endSent) {
                    error = "the target ended the transfer before the end of the stream";
                }
                verdict.complete(Optional.ofNullable(error));
                if (error != null) {
                    connection.close();
                }
            } catch (IOException e) {
                verdict.completeExceptionally(e);
            }
        }

        private Optional<String> awaitVerdict() throws IOException, InterruptedException {
            try {
                return verdict.get();
            } catch (ExecutionException e) {
                throw stopped(new IOException("the connection to the target " + target
                        + " broke before it confirmed the transfer: " + e.getCause().getMessage(), e.getCause()));
            }
        }

        /** A write failed: the target's error reply explains it better than the socket error does. */
        private IOException targetFailure(IOException e, long sent) {
            if (stopping) {
                return new IOException("the transfer was stopped", e);
            }
            try {
                Optional<String> error = verdict.get(REPLY_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                if (error.isPresent()) {
                    return new IOException("the target " + target + " failed the transfer: " + error.get(), e);
                }
            } catch (ExecutionException | TimeoutException ignored) {
                // no reply: the socket error is all there is
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            return new IOException("the connection to the target " + target + " broke after " + sent + " bytes: "
                    + e.getMessage(), e);
        }

        private IOException stopped(IOException e) {
            return stopping ? new IOException("the transfer was stopped", e) : e;
        }

        /** Closes the connection and kills the producer; the pump then ends on its own. */
        void stop() {
            stopping = !outcome.isDone();
            connection.close();
            killProducer();
        }

        private void killProducer() {
            if (producerKilled.compareAndSet(false, true)) {
                process.kill();
            }
        }
    }
}
