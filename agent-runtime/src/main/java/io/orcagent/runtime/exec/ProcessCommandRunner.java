package io.orcagent.runtime.exec;

import io.orcagent.api.Command;
import io.orcagent.api.CommandExecutor;
import io.orcagent.api.CommandRunner;
import io.orcagent.api.RunningCommand;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent-wide {@link CommandRunner}: starts processes through a {@link CommandExecutor}, pumps
 * their output on virtual threads, enforces {@link Command#timeout()}, and kills every process still
 * running at {@link #shutdown()}. Stages get their own {@linkplain #newScope(String) scope}.
 */
public final class ProcessCommandRunner implements CommandRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessCommandRunner.class);

    /** How long a process tree gets between SIGTERM and SIGKILL. */
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(5);

    private final CommandExecutor executor;
    private final Duration killGrace;
    private final ProcessLedger ledger;
    private final Set<ProcessRunningCommand> live = ConcurrentHashMap.newKeySet();
    private volatile boolean shutDown;

    /**
     * Creates a runner with the default kill grace period.
     *
     * @param executor how processes are started
     */
    public ProcessCommandRunner(CommandExecutor executor) {
        this(executor, DEFAULT_KILL_GRACE);
    }

    /**
     * Creates a runner.
     *
     * @param executor how processes are started
     * @param killGrace time between SIGTERM and SIGKILL when a tree is killed
     */
    public ProcessCommandRunner(CommandExecutor executor, Duration killGrace) {
        this(executor, killGrace, ProcessLedger.NONE);
    }

    /**
     * Creates a runner that records its processes in a ledger until they end, so the next agent can
     * stop them if this one is killed ({@link ProcessLedger#stopLeftovers}).
     *
     * @param executor how processes are started
     * @param killGrace time between SIGTERM and SIGKILL when a tree is killed
     * @param ledger where started processes are recorded
     */
    public ProcessCommandRunner(CommandExecutor executor, Duration killGrace, ProcessLedger ledger) {
        this.executor = Objects.requireNonNull(executor, "executor is null");
        this.killGrace = Objects.requireNonNull(killGrace, "killGrace is null");
        this.ledger = Objects.requireNonNull(ledger, "ledger is null");
    }

    @Override
    public RunningCommand start(Command command) throws IOException {
        return launch(command);
    }

    /** Starts a process and returns the concrete handle (for scopes). */
    ProcessRunningCommand launch(Command command) throws IOException {
        Objects.requireNonNull(command, "command is null");
        if (shutDown) {
            throw new IOException("the agent is shutting down; not starting " + command.program());
        }
        Process process = executor.start(command);
        ledger.started(process.toHandle(), command.program());
        ProcessRunningCommand running = new ProcessRunningCommand(command, process, killGrace);
        live.add(running);
        process.onExit().thenRun(() -> {
            live.remove(running);
            ledger.ended(process.pid());
        });
        LOG.debug("started {} (pid {})", command.program(), process.pid());
        command.timeout().ifPresent(limit -> Thread.ofVirtual().name("timeout-" + process.pid())
                .start(() -> enforceTimeout(running, limit)));
        if (shutDown) {
            running.kill(); // shutdown raced with this start: do not leave it behind
            throw new IOException("the agent is shutting down; not starting " + command.program());
        }
        return running;
    }

    /**
     * A runner whose processes can be killed together, for one seed stage.
     *
     * @param name what the scope is for, for log lines (e.g. {@code seed 7 Backup})
     * @return a new scope
     */
    public StageCommandRunner newScope(String name) {
        return new StageCommandRunner(this, name);
    }

    /**
     * How many started processes have not exited yet.
     *
     * @return the count
     */
    public int runningCount() {
        return (int) live.stream().filter(running -> running.process().isAlive()).count();
    }

    /**
     * Kills every process still running (in parallel, each with its whole tree) and refuses new ones.
     * Called once when the agent stops.
     */
    public void shutdown() {
        shutDown = true;
        killInParallel(List.copyOf(live));
    }

    /** Kills the given processes concurrently and waits until each kill has finished. */
    static void killInParallel(Collection<ProcessRunningCommand> targets) {
        List<Thread> killers = new ArrayList<>();
        for (ProcessRunningCommand target : targets) {
            killers.add(Thread.ofVirtual().name("kill-" + target.pid()).start(target::kill));
        }
        boolean interrupted = false;
        for (Thread killer : killers) {
            while (true) {
                try {
                    killer.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // a half-done kill is worse than a late interrupt
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void enforceTimeout(ProcessRunningCommand running, Duration limit) {
        try {
            if (!running.process().waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} (pid {}) exceeded its time limit of {}; killing it",
                        running.command().program(), running.pid(), limit);
                running.kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ProcessCommandRunner[" + executor + "]";
    }
}
