package io.orcagent.runtime.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kills a process and all its descendants: SIGTERM to the whole tree (children before parents, so a
 * parent can still reap them), a grace period, then SIGKILL to whatever is left, including children
 * forked in the meantime.
 */
final class ProcessTree {

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
        Set<ProcessHandle> tree = new LinkedHashSet<>(childrenFirst(root));
        tree.forEach(ProcessHandle::destroy);
        if (awaitExit(tree, grace)) {
            return true;
        }
        // survivors may have forked after the snapshot: take their current descendants too
        List<ProcessHandle> survivors = tree.stream().filter(ProcessHandle::isAlive).toList();
        for (ProcessHandle survivor : survivors) {
            tree.addAll(childrenFirst(survivor));
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return awaitExit(tree, KILL_WAIT);
    }

    /** The tree in post-order: every process comes after all of its descendants. */
    static List<ProcessHandle> childrenFirst(ProcessHandle root) {
        List<ProcessHandle> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(ProcessHandle handle, List<ProcessHandle> out) {
        handle.children().forEach(child -> collect(child, out));
        out.add(handle);
    }

    private static boolean awaitExit(Set<ProcessHandle> handles, Duration limit) {
        CompletableFuture<?>[] exits = handles.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return handles.stream().noneMatch(ProcessHandle::isAlive);
        } catch (InterruptedException e) {
            // finish the kill regardless; let the caller see the interrupt afterwards
            Thread.currentThread().interrupt();
            return handles.stream().noneMatch(ProcessHandle::isAlive);
        }
    }
}
