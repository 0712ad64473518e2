package io.orcagent.runtime.exec;

import io.orcagent.api.Command;
import io.orcagent.api.CommandRunner;
import io.orcagent.api.RunningCommand;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CommandRunner} for one seed stage. It remembers every process it started so an abort can
 * kill them all (each with its whole process tree); once {@link #killAll()} has run, the scope starts
 * nothing more, so a stage that catches the failure cannot start its next step.
 *
 * <p>A process that detaches itself (double fork, {@code setsid}) after its parent exited is no
 * longer in any tree and escapes the scope.
 */
public final class StageCommandRunner implements CommandRunner, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StageCommandRunner.class);

    private final ProcessCommandRunner parent;
    private final String name;
    private final Set<ProcessRunningCommand> started = ConcurrentHashMap.newKeySet();
    private boolean closed;

    StageCommandRunner(ProcessCommandRunner parent, String name) {
        this.parent = Objects.requireNonNull(parent, "parent is null");
        this.name = Objects.requireNonNull(name, "name is null");
    }

    @Override
    public RunningCommand start(Command command) throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IOException(name + " was aborted; not starting " + command.program());
            }
        }
        ProcessRunningCommand running = parent.launch(command);
        synchronized (this) {
            if (!closed) {
                started.add(running);
                running.process().onExit().thenRun(() -> started.remove(running));
                return running;
            }
        }
        running.kill(); // killAll ran while this one was starting
        throw new IOException(name + " was aborted; not starting " + command.program());
    }

    /**
     * Kills every process this scope started, with their process trees, and waits until they are
     * gone; afterwards {@link #start} fails. Safe to call more than once.
     */
    public void killAll() {
        List<ProcessRunningCommand> targets;
        synchronized (this) {
            closed = true;
            targets = List.copyOf(started);
        }
        if (!targets.isEmpty()) {
            LOG.info("{}: killing {} running process tree(s)", name, targets.size());
        }
        ProcessCommandRunner.killInParallel(targets);
    }

    /**
     * Whether a process this scope started (or one of its descendants) still runs.
     *
     * @return true while anything is alive
     */
    public boolean anyAlive() {
        return started.stream().anyMatch(ProcessRunningCommand::alive);
    }

    /**
     * Whether {@link #killAll()} has run.
     *
     * @return true once aborted
     */
    public synchronized boolean aborted() {
        return closed;
    }

    /** Same as {@link #killAll()}. */
    @Override
    public void close() {
        killAll();
    }

    @Override
    public String toString() {
        return "StageCommandRunner[" + name + "]";
    }
}
