package io.orcagent.runtime.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Kills a process and all its descendants: SIGTERM to the whole tree, a grace period, then SIGKILL to
 * whatever is left. Signals go parents first, so a shell that runs one command after another cannot
 * start the next one once its current child died; a node's children are listed both before and
 * after it is signalled, so a child forked in between is caught too.
 */
public final class ProcessTree {

    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private ProcessTree() {
    }

    /**
     * Kills the tree rooted at {@code root} and waits for its members to end.
     *
     * @param root the process
     * @param grace how long the tree gets to exit after SIGTERM
     * @return whether every known member has ended
     */
    static boolean kill(ProcessHandle root, Duration grace) {
        Set<ProcessHandle> termed = new LinkedHashSet<>();
        signalTopDown(root, termed, ProcessHandle::destroy);
        if (awaitExit(termed, grace)) {
            return true;
        }
        Set<ProcessHandle> killed = new LinkedHashSet<>();
        for (ProcessHandle survivor : termed) {
            if (running(survivor) && !killed.contains(survivor)) {
                signalTopDown(survivor, killed, ProcessHandle::destroyForcibly);
            }
        }
        return awaitExit(killed, KILL_WAIT);
    }

    /**
     * Whether a process still runs. A zombie (exited, not yet reaped; an init that reaps slowly keeps
     * orphans in this state for a while) counts as ended, although {@link ProcessHandle#isAlive()}
     * reports it alive.
     *
     * @param process the process
     * @return true while it runs
     */
    public static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException e) {
            return process.isAlive(); // no procfs (not Linux) or it just vanished
        }
    }

    private static void signalTopDown(ProcessHandle node, Set<ProcessHandle> signalled, Consumer<ProcessHandle> signal) {
        signalled.add(node);
        List<ProcessHandle> before = node.children().toList();
        signal.accept(node);
        List<ProcessHandle> after = node.children().toList();
        Stream.concat(before.stream(), after.stream()).distinct()
                .filter(child -> !signalled.contains(child))
                .forEach(child -> signalTopDown(child, signalled, signal));
    }

    /** Polls: onExit() of a process that is not our child is itself a slow poll in the JDK. */
    private static boolean awaitExit(Set<ProcessHandle> handles, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        long pauseMillis = 5;
        while (handles.stream().anyMatch(ProcessTree::running)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                // finish the kill regardless; the caller sees the interrupt afterwards
                Thread.currentThread().interrupt();
                return handles.stream().noneMatch(ProcessTree::running);
            }
            pauseMillis = Math.min(100, pauseMillis * 2);
        }
        return true;
    }
}
