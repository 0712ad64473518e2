package io.orcagent.runtime.plugins;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the calls in flight into the plugins of one load. Every {@link PluginInvoker} of the load
 * passes through it, so seed stages, synchronous calls (get-metadata, snapshot routes, legacy copies)
 * and probes are all seen. The host {@linkplain #drain drains} it before a reload or shutdown: new calls
 * wait while calls in flight finish; when they do not finish in time the host {@linkplain #reopen
 * reopens} it and refuses the reload, otherwise it {@linkplain #retire retires} it after the plugins'
 * close hooks ran, and calls into the old load are refused from then on.
 *
 * <p>A call made from inside a call in flight on the same thread (a stage starting a process through a
 * plugin's command executor) and the draining thread's own calls (the close hooks) are always let in:
 * waiting for them would be waiting for ourselves. Uses a {@link ReentrantLock}, not monitors, so waiting
 * virtual threads do not pin their carriers.
 */
final class PluginCallGate {

    private enum State { OPEN, DRAINING, RETIRED }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<Long, String> inFlight = new LinkedHashMap<>();
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
    private State state = State.OPEN;
    private Thread drainer;
    private long nextId;

    /**
     * Admits a call, waiting while the gate drains.
     *
     * @param pluginId the plugin called
     * @param operation what is called
     * @return the call's ticket for {@link #exit}
     * @throws PluginCallException when the load was retired, or the wait interrupted
     */
    long enter(String pluginId, String operation) {
        int[] mine = depth.get();
        lock.lock();
        try {
            boolean exempt = mine[0] > 0 || Thread.currentThread() == drainer;
            while (state == State.DRAINING && !exempt) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PluginCallException(pluginId, operation, e);
                }
            }
            if (state == State.RETIRED && !exempt) {
                throw new PluginCallException(pluginId, operation,
                        new IllegalStateException("plugin " + pluginId + " was unloaded by a plugin reload; call again"));
            }
            long id = nextId++;
            inFlight.put(id, operation + " (plugin " + pluginId + ")");
            mine[0]++;
            return id;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends a call.
     *
     * @param ticket what {@link #enter} returned
     */
    void exit(long ticket) {
        int[] mine = depth.get();
        mine[0]--;
        if (mine[0] == 0) {
            depth.remove();
        }
        lock.lock();
        try {
            inFlight.remove(ticket);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops admitting calls from other threads and waits, at most {@code max}, for the calls in flight.
     *
     * @param max how long to wait
     * @return the calls still in flight; empty when the gate is drained (it then stays closed until
     *     {@link #retire} or {@link #reopen})
     * @throws InterruptedException when interrupted (the gate is reopened)
     */
    List<String> drain(Duration max) throws InterruptedException {
        lock.lock();
        try {
            if (state != State.OPEN) {
                throw new IllegalStateException("the plugin call gate is " + state);
            }
            state = State.DRAINING;
            drainer = Thread.currentThread();
            long left = max.toNanos();
            try {
                while (!inFlight.isEmpty() && left > 0) {
                    left = changed.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                reopenLocked();
                throw e;
            }
            return List.copyOf(new ArrayList<>(inFlight.values()));
        } finally {
            lock.unlock();
        }
    }

    /** Admits calls again after a drain that gave up. */
    void reopen() {
        lock.lock();
        try {
            reopenLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses every later call (from other threads than the drainer's): the load is gone. */
    void retire() {
        lock.lock();
        try {
            state = State.RETIRED;
            drainer = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The calls in flight now.
     *
     * @return their descriptions, oldest first
     */
    List<String> inFlight() {
        lock.lock();
        try {
            return List.copyOf(inFlight.values());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the gate is draining (for tests that wait for a reload to start waiting).
     *
     * @return true while a drain waits or holds the gate closed
     */
    boolean draining() {
        lock.lock();
        try {
            return state == State.DRAINING;
        } finally {
            lock.unlock();
        }
    }

    private void reopenLocked() {
        if (state == State.DRAINING) {
            state = State.OPEN;
        }
        drainer = null;
        changed.signalAll();
    }

    /** Describes a wait bound for messages, e.g. {@code 10s} or {@code 250ms}. */
    static String text(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
