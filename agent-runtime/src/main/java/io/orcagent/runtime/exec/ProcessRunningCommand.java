package io.orcagent.runtime.exec;

import io.orcagent.api.Command;
import io.orcagent.api.CommandResult;
import io.orcagent.api.RunningCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One started process: stderr is pumped from the start into a tail buffer; stdout goes either to
 * the caller ({@link #stdout()}) or, if the caller does not claim it before {@link #await()}, to a
 * bounded collector.
 */
final class ProcessRunningCommand implements RunningCommand {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunningCommand.class);

    static final int STDOUT_LIMIT = 4 * 1024 * 1024;
    static final int STDERR_TAIL_BYTES = 8 * 1024;
    static final int STDERR_TAIL_LINES = 40;
    /** How long await() lets the pumps drain after the process ended (a background child may hold the pipes). */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(5);

    private static final int UNCLAIMED = 0;
    private static final int CALLER = 1;
    private static final int COLLECTOR = 2;

    private final Command command;
    private final Process process;
    private final Duration killGrace;
    private final TailBuffer stderrTail = new TailBuffer(STDERR_TAIL_BYTES, STDERR_TAIL_LINES);
    private final Thread stderrPump;
    private final AtomicInteger stdoutOwner = new AtomicInteger(UNCLAIMED);
    private final AtomicBoolean stdinClaimed = new AtomicBoolean();
    private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
    private volatile Thread stdoutPump;
    private volatile boolean killed;
    private volatile CommandResult result;

    ProcessRunningCommand(Command command, Process process, Duration killGrace) {
        this.command = command;
        this.process = process;
        this.killGrace = killGrace;
        this.stderrPump = Thread.ofVirtual().name("stderr-" + process.pid())
                .start(() -> pumpStderr(process.getErrorStream()));
    }

    Command command() {
        return command;
    }

    Process process() {
        return process;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public OutputStream stdin() {
        if (command.stdinFrom().isPresent()) {
            throw new IllegalStateException("stdin of " + command.program() + " is read from a file");
        }
        stdinClaimed.set(true);
        return process.getOutputStream();
    }

    @Override
    public InputStream stdout() {
        if (command.stdoutTo().isPresent()) {
            throw new IllegalStateException("stdout of " + command.program() + " goes to a file");
        }
        if (!stdoutOwner.compareAndSet(UNCLAIMED, CALLER) && stdoutOwner.get() != CALLER) {
            throw new IllegalStateException("stdout of " + command.program() + " is already being collected");
        }
        return process.getInputStream();
    }

    @Override
    public CommandResult await() throws InterruptedException {
        CommandResult done = result;
        if (done != null) {
            return done;
        }
        if (command.stdoutTo().isEmpty() && stdoutOwner.compareAndSet(UNCLAIMED, COLLECTOR)) {
            stdoutPump = Thread.ofVirtual().name("stdout-" + process.pid())
                    .start(() -> collectStdout(process.getInputStream()));
        }
        if (command.stdinFrom().isEmpty() && stdinClaimed.compareAndSet(false, true)) {
            closeQuietly(process.getOutputStream()); // nobody writes: the process gets EOF
        }
        try {
            process.waitFor();
            drain(stderrPump);
            Thread pump = stdoutPump;
            if (pump != null) {
                drain(pump);
            }
        } catch (InterruptedException e) {
            kill();
            throw e;
        }
        String stdout;
        synchronized (collected) {
            stdout = collected.toString(StandardCharsets.UTF_8);
        }
        done = new CommandResult(process.exitValue(), stdout, stderrTail.text(), killed);
        result = done;
        return done;
    }

    @Override
    public void kill() {
        if (!process.isAlive() && process.toHandle().children().findAny().isEmpty()) {
            return;
        }
        killed = true;
        LOG.info("killing process tree of {} (pid {})", command.program(), process.pid());
        if (!ProcessTree.kill(process.toHandle(), killGrace)) {
            LOG.warn("process tree of {} (pid {}) did not end after SIGKILL", command.program(), process.pid());
        }
    }

    /**
     * Whether the process or any of its current descendants still runs. An exited process the JDK has not
     * reaped yet counts as ended, as in {@link ProcessTree#kill}, so this is false as soon as a kill returns.
     */
    boolean alive() {
        return ProcessTree.running(process.toHandle()) || process.toHandle().descendants().anyMatch(ProcessTree::running);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void drain(Thread pump) throws InterruptedException {
        if (!pump.join(DRAIN_WAIT)) {
            LOG.warn("output of {} (pid {}) still open after it exited; a background child holds it",
                    command.program(), process.pid());
        }
    }

    private void pumpStderr(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                stderrTail.write(buffer, 0, n);
            }
        } catch (IOException e) {
            LOG.debug("stderr of {} closed: {}", command.program(), e.toString());
        }
    }

    private void collectStdout(InputStream in) {
        byte[] buffer = new byte[8192];
        boolean truncated = false;
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (collected) {
                    int room = STDOUT_LIMIT - collected.size();
                    if (room > 0) {
                        collected.write(buffer, 0, Math.min(room, n));
                    }
                    truncated |= n > room;
                }
            }
        } catch (IOException e) {
            LOG.debug("stdout of {} closed: {}", command.program(), e.toString());
        }
        if (truncated) {
            LOG.warn("stdout of {} (pid {}) exceeded {} bytes; the rest was discarded",
                    command.program(), process.pid(), STDOUT_LIMIT);
        }
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // the process already closed its end: nothing to tell it
        }
    }
}
