package io.orcagent.runtime.seed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.orcagent.api.BinlogCoordinates;
import io.orcagent.api.CommandRunner;
import io.orcagent.api.Peer;
import io.orcagent.api.ProgressSink;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.api.StageAbortedException;
import io.orcagent.api.StageContext;

/**
 * Runs the seed stages orchestrator (or agentctl) asks for, one seed at a time, in the background.
 *
 * <p>Unlike the Go agent: a repeated call for a stage that runs or completed does not run it again; a
 * retry after an error does. A Prepare is a retry, and runs again after releasing the seed's resources and
 * dropping every stage state, when Prepare or a later stage ended in Error (or was aborted), when later
 * stages ran, when the agent restarted since, or when what Prepare opened (the target's receiver) has been
 * used or broke because the other agent's Backup failed: orchestrator restarts a failed Backup from
 * Prepare on both agents. The record counts the attempts. Because orchestrator sends no Cleanup after a
 * failed seed, the engine runs the method's cleanup itself for a seed that ended in Error and got no call
 * for {@code abandoned-seed-cleanup-after} ({@link #sweepAbandoned()}), and for a seed that another seed's
 * Prepare replaces without it having had a successful Cleanup; a different seed is refused while a stage runs; abort kills the stage's
 * whole process tree and reports {@code Error}; stale workers can never write into a newer run; and
 * the seed is journaled so a restart reports the interrupted stage instead of forgetting the seed.
 */
public final class SeedEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SeedEngine.class);
    private static final Set<String> STANDARD_METHODS = Set.of("ClonePlugin", "LVM", "Mydumper", "Mysqldump",
            "Xtrabackup");
    private static final Duration WORKER_GRACE = Duration.ofSeconds(20);

    private final String hostname;
    private final SeedMethods methods;
    private final ProcessScopes scopes;
    private final SeedJournal journal;
    private final Clock clock;
    private final SeedListener listener;
    private final SeedResources resources;
    private final Object lock = new Object();
    private final Map<Stage, RunningStage> running = new EnumMap<>(Stage.class);
    private final Duration abandonedAfter;
    private SeedRecord seed;
    private long nextRunId;
    /** The seed came from the journal: whatever its Prepare opened in memory (receivers) is gone. */
    private boolean recovered;
    /** The last call naming the current seed (or when it became current). */
    private Instant lastCall;
    /** When the engine first saw the seed's resources fail (the other agent's stage failed). */
    private Instant resourcesFailedSeen;
    /** The automatic cleanup of an abandoned seed, while it runs. */
    private RunningStage housekeeping;
    private ScheduledExecutorService sweeper;

    /**
     * Opens process scopes, one per stage run.
     */
    @FunctionalInterface
    public interface ProcessScopes {
        /**
         * Opens a scope.
         *
         * @return a new scope
         */
        ProcessScope open();
    }

    /**
     * Creates the engine and recovers the journaled seed.
     *
     * @param hostname the registered hostname (reported in stage states)
     * @param methods the loaded seed methods
     * @param scopes process scopes
     * @param journal the journal
     * @param clock the clock
     * @param listener told about stage transitions (metrics); may be {@link SeedListener#NONE}
     * @param resources seed-scoped resources to release on abort, after Cleanup, and on a new seed
     */
    public SeedEngine(String hostname, SeedMethods methods, ProcessScopes scopes, SeedJournal journal, Clock clock,
                      SeedListener listener, SeedResources resources) {
        this(hostname, methods, scopes, journal, clock, listener, resources, Duration.ZERO);
    }

    /**
     * Creates the engine and recovers the journaled seed.
     *
     * @param hostname the registered hostname (reported in stage states)
     * @param methods the loaded seed methods
     * @param scopes process scopes
     * @param journal the journal
     * @param clock the clock
     * @param listener told about stage transitions (metrics); may be {@link SeedListener#NONE}
     * @param resources seed-scoped resources to release on abort, after Cleanup, and on a new seed
     * @param abandonedAfter {@code abandoned-seed-cleanup-after}: a seed that ended in Error on this agent and
     *     got no call for this long is cleaned up by {@link #sweepAbandoned()}; zero disables that
     */
    public SeedEngine(String hostname, SeedMethods methods, ProcessScopes scopes, SeedJournal journal, Clock clock,
                      SeedListener listener, SeedResources resources, Duration abandonedAfter) {
        this.abandonedAfter = Objects.requireNonNull(abandonedAfter, "abandonedAfter is null");
        if (abandonedAfter.isNegative()) {
            throw new IllegalArgumentException("abandonedAfter is negative");
        }
        this.hostname = Objects.requireNonNull(hostname, "hostname is null");
        this.methods = Objects.requireNonNull(methods, "methods is null");
        this.scopes = Objects.requireNonNull(scopes, "scopes is null");
        this.journal = Objects.requireNonNull(journal, "journal is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.listener = Objects.requireNonNull(listener, "listener is null");
        this.resources = Objects.requireNonNull(resources, "resources is null");
        this.lastCall = clock.instant();
        recover();
    }

    /**
     * Starts Prepare. A different seed is refused while a stage of the current one runs.
     *
     * @param seedId the seed id
     * @param methodName the method's wire name
     * @param side this agent's side
     * @return whether it started now
     * @throws SeedRequestException when refused
     */
    public StartOutcome prepare(long seedId, String methodName, Side side) throws SeedRequestException {
        SeedMethod method = method(methodName);
        synchronized (lock) {
            refuseWhileHousekeeping(seedId);
            Optional<SeedRecord> replaced = Optional.empty();
            if (seed != null && (seed.seedId() != seedId || !seed.method().equals(methodName) || seed.side() != side)) {
                if (seed.busy()) {
                    throw new SeedRequestException("Agent is busy with seed " + seed.seedId() + " ("
                            + runningStageName() + " is running); refusing seed " + seedId);
                }
                resources.release(seed.seedId());
                if (needsCleanup(seed)) {
                    replaced = Optional.of(seed);
                }
                seed = null;
            }
            if (seed == null) {
                seed = new SeedRecord(seedId, methodName, side, Stage.PREPARE, Map.of());
            } else {
                lastCall = clock.instant();
                Optional<StageState> prepare = seed.stage(Stage.PREPARE);
                if (prepare.isPresent() && prepare.get().status() == StageStatus.Running) {
                    return StartOutcome.ALREADY_STARTED;
                }
                Optional<String> retry = retryReason();
                if (prepare.isPresent() && retry.isEmpty()) {
                    return StartOutcome.ALREADY_STARTED; // completed and still valid: a duplicate call
                }
                refuseWhileBusy(Stage.PREPARE);
                if (retry.isPresent()) {
                    LOG.info("seed={} Prepare called again ({} side, method {}): {}; retrying the seed (attempt {})",
                            seedId, side.wireName(), methodName, retry.get(), seed.attempt() + 1);
                    resources.release(seedId);
                    seed = seed.retried();
                } else {
                    seed = seed.at(Stage.PREPARE, true);
                }
            }
            launch(Stage.PREPARE, method, Optional.empty(), replaced);
            return StartOutcome.STARTED;
        }
    }

    /**
     * Why a Prepare for the current seed, whose Prepare is not running, must run again: an error of Prepare
     * or a later stage (also an abort), later stages having run, an automatic cleanup, an agent restart, or
     * what Prepare set up having been used or broken (the other agent's stage failed). Empty when the
     * completed Prepare is still valid.
     */
    private Optional<String> retryReason() {
        for (Stage stage : List.of(Stage.CLEANUP, Stage.CONNECT_SLAVE, Stage.RESTORE, Stage.BACKUP, Stage.PREPARE)) {
            Optional<StageState> state = seed.stage(stage);
            if (state.isPresent() && state.get().status() == StageStatus.Error) {
                return Optional.of("stage " + stage.wireName() + " ended in Error (" + state.get().details() + ")");
            }
            if (state.isPresent() && stage != Stage.PREPARE) {
                return Optional.of("stage " + stage.wireName() + " has run since Prepare");
            }
        }
        if (seed.cleanedUp().isPresent()) {
            return Optional.of("the agent cleaned the abandoned seed up at " + seed.cleanedUp().get());
        }
        if (recovered) {
            return Optional.of("the agent restarted since Prepare completed, so what Prepare opened is gone");
        }
        return resources.spent(seed.seedId());
    }

    /** A replaced seed that never had a successful Cleanup here: its leftovers must go. */
    private static boolean needsCleanup(SeedRecord old) {
        Optional<StageState> cleanup = old.stage(Stage.CLEANUP);
        return old.cleanedUp().isEmpty() && (cleanup.isEmpty() || cleanup.get().status() != StageStatus.Completed);
    }

    /**
     * Starts Backup.
     *
     * @param seedId the seed id
     * @param methodName the method
     * @param peer the other host and the source's MySQL port
     * @return whether it started now
     * @throws SeedRequestException when refused
     */
    public StartOutcome backup(long seedId, String methodName, Peer peer) throws SeedRequestException {
        return start(seedId, methodName, Stage.BACKUP, Optional.of(peer), Optional.empty(),
                "Unable to start backup stage. SeedID not found");
    }

    /**
     * Starts Restore.
     *
     * @param seedId the seed id
     * @param methodName the method
     * @return whether it started now
     * @throws SeedRequestException when refused
     */
    public StartOutcome restore(long seedId, String methodName) throws SeedRequestException {
        return start(seedId, methodName, Stage.RESTORE, Optional.empty(), Optional.empty(),
                "Unable to start restore stage. SeedID not found");
    }

    /**
     * Starts Cleanup.
     *
     * @param seedId the seed id
     * @param methodName the method
     * @param side the side orchestrator believes this agent is
     * @return whether it started now
     * @throws SeedRequestException when refused
     */
    public StartOutcome cleanup(long seedId, String methodName, Side side) throws SeedRequestException {
        return start(seedId, methodName, Stage.CLEANUP, Optional.empty(), Optional.of(side),
                "Unable to start cleanup stage. SeedID not found");
    }

    /**
     * Reads the coordinates of the restored copy (synchronously) and moves the seed to ConnectSlave.
     *
     * @param seedId the seed id
     * @param methodName the method
     * @return the coordinates
     * @throws SeedRequestException when the seed is unknown
     * @throws Exception when the plugin cannot read them
     */
    public BinlogCoordinates metadata(long seedId, String methodName) throws Exception {
        SeedMethod method = method(methodName);
        Side side;
        synchronized (lock) {
            if (seed == null || seed.seedId() != seedId) {
                throw new SeedRequestException("Unable to get metadata for seed. SeedID not found");
            }
            lastCall = clock.instant();
            requireMethod(methodName);
            side = seed.side();
        }
        try (ProcessScope scope = scopes.open()) {
            RunningStage context = new RunningStage(0, seedId, Stage.CONNECT_SLAVE, side, Optional.empty(), scope,
                    new StageProgress(clock, "Reading metadata", (p, d) -> { }), clock.instant());
            BinlogCoordinates coordinates = method.metadata(context);
            synchronized (lock) {
                if (seed != null && seed.seedId() == seedId) {
                    seed = seed.at(Stage.CONNECT_SLAVE, false);
                    journal.write(seed);
                }
            }
            return coordinates;
        }
    }

    /**
     * The state of a stage.
     *
     * @param seedId the seed id
     * @param stage the stage
     * @return its state
     * @throws SeedRequestException when the seed or the stage is unknown
     */
    public StageState state(long seedId, Stage stage) throws SeedRequestException {
        synchronized (lock) {
            if (seed == null || seed.seedId() != seedId) {
                throw new SeedRequestException("SeedID " + seedId + " not found");
            }
            lastCall = clock.instant();
            return seed.stage(stage).orElseThrow(() ->
                    new SeedRequestException("SeedID " + seedId + " on stage " + stage.wireName() + " not found"));
        }
    }

    /**
     * Aborts a running stage: kills its process tree, waits for its worker, reports {@code Error}.
     * Harmless for a finished or unknown stage or seed.
     *
     * @param seedId the seed id
     * @param stage the stage
     * @return true when a running stage was stopped
     */
    public boolean abort(long seedId, Stage stage) {
        RunningStage victim;
        synchronized (lock) {
            if (seed == null || seed.seedId() != seedId) {
                return false;
            }
            lastCall = clock.instant();
            // orchestrator aborts the target's finished Prepare to tear down its receiver
            resources.release(seedId);
            victim = running.remove(stage);
            if (victim == null) {
                return false;
            }
            StageState before = seed.stage(stage).orElseThrow();
            seed = seed.with(before.with(StageStatus.Error,
                    "Aborted by request: " + stage.wireName() + " stage of seed " + seedId + " was stopped ("
                            + before.details() + ")", clock.instant()));
            journal.write(seed);
            listener.stageEnded(seed.method(), stage, StageStatus.Error, Duration.between(victim.started(), clock.instant()));
        }
        LOG.info("seed={} aborting stage {}", seedId, stage.wireName());
        stop(victim);
        return true;
    }

    /**
     * The current seed, if any.
     *
     * @return a snapshot
     */
    public Optional<SeedRecord> current() {
        synchronized (lock) {
            return Optional.ofNullable(seed);
        }
    }

    /**
     * Whether a stage runs now (plugins must not be reloaded then).
     *
     * @return true while busy
     */
    public boolean busy() {
        synchronized (lock) {
            return !running.isEmpty() || housekeeping != null;
        }
    }

    /** Stops running stages (reported as errors) at shutdown. */
    @Override
    public void close() {
        List<RunningStage> victims;
        synchronized (lock) {
            if (sweeper != null) {
                sweeper.shutdownNow();
            }
            if (housekeeping != null) {
                housekeeping.cancel();
            }
            victims = new ArrayList<>(running.values());
            for (RunningStage stage : victims) {
                StageState before = seed.stage(stage.stage()).orElseThrow();
                seed = seed.with(before.with(StageStatus.Error,
                        "agent shut down during " + stage.stage().wireName(), clock.instant()));
            }
            running.clear();
            if (seed != null && !victims.isEmpty()) {
                journal.write(seed);
            }
        }
        victims.forEach(this::stop);
    }

    private StartOutcome start(long seedId, String methodName, Stage stage, Optional<Peer> peer, Optional<Side> side,
                               String notFound) throws SeedRequestException {
        SeedMethod method = method(methodName);
        synchronized (lock) {
            if (seed == null || seed.seedId() != seedId) {
                throw new SeedRequestException(notFound);
            }
            lastCall = clock.instant();
            refuseWhileHousekeeping(seedId);
            requireMethod(methodName);
            if (side.isPresent() && side.get() != seed.side()) {
                throw new SeedRequestException("Seed " + seedId + " runs on this agent as " + seed.side().wireName()
                        + ", not " + side.get().wireName());
            }
            if (alreadyStarted(stage)) {
                return StartOutcome.ALREADY_STARTED;
            }
            refuseWhileBusy(stage);
            seed = seed.at(stage, true);
            launch(stage, method, peer, Optional.empty());
            return StartOutcome.STARTED;
        }
    }

    // Running or completed, and nothing after it has started: the same call again is a duplicate.
    private boolean alreadyStarted(Stage stage) {
        Optional<StageState> state = seed.stage(stage);
        if (state.isEmpty() || state.get().status() == StageStatus.Error) {
            return false;
        }
        return seed.stages().keySet().stream().noneMatch(s -> SeedRecord.order(s) > SeedRecord.order(stage));
    }

    private void refuseWhileHousekeeping(long seedId) throws SeedRequestException {
        if (housekeeping != null) {
            throw new SeedRequestException("Agent is cleaning up abandoned seed " + housekeeping.seedId()
                    + "; refusing seed " + seedId + " until it has finished");
        }
    }

    private void refuseWhileBusy(Stage wanted) throws SeedRequestException {
        if (seed != null && seed.busy()) {
            throw new SeedRequestException("Unable to start " + wanted.wireName().toLowerCase(Locale.ROOT)
                    + " stage: " + runningStageName() + " of seed " + seed.seedId() + " is still running");
        }
    }

    private String runningStageName() {
        return seed.stages().values().stream().filter(s -> s.status() == StageStatus.Running)
                .map(s -> "stage " + s.stage().wireName()).findFirst().orElse("a stage");
    }

    private void requireMethod(String methodName) throws SeedRequestException {
        if (!seed.method().equals(methodName)) {
            throw new SeedRequestException("Seed " + seed.seedId() + " uses method " + seed.method() + ", not "
                    + methodName);
        }
    }

    private SeedMethod method(String name) throws SeedRequestException {
        Optional<SeedMethod> offered = methods.offered(name);
        if (offered.isPresent()) {
            return offered.get();
        }
        if (methods.known(name) || STANDARD_METHODS.contains(name)) {
            throw new SeedRequestException("Seed method unavailiable on agent");
        }
        throw new SeedRequestException("Seed method undefinded");
    }

    private void launch(Stage stage, SeedMethod method, Optional<Peer> peer, Optional<SeedRecord> replaced) {
        long runId = ++nextRunId;
        lastCall = clock.instant();
        resourcesFailedSeen = null;
        if (stage == Stage.PREPARE) {
            recovered = false;
        }
        long seedId = seed.seedId();
        String step = "Running " + stage.wireName().toLowerCase(Locale.ROOT);
        seed = seed.with(new StageState(seedId, stage, hostname, clock.instant(), StageStatus.Running, step,
                StageState.Progress.NONE));
        journal.write(seed);
        StageProgress progress = new StageProgress(clock, step, (p, details) -> progressed(runId, stage, p, details));
        RunningStage context = new RunningStage(runId, seedId, stage, seed.side(), peer, scopes.open(), progress,
                clock.instant());
        running.put(stage, context);
        String methodName = seed.method();
        listener.stageStarted(methodName, stage);
        Thread worker = Thread.ofVirtual().name("seed-" + seedId + "-" + stage.wireName())
                .unstarted(() -> work(context, method, methodName, replaced));
        context.worker(worker);
        LOG.info("seed={} starting stage {} ({} side, method {})", seedId, stage.wireName(),
                seed.side().wireName(), methodName);
        worker.start();
    }

    private void work(RunningStage context, SeedMethod method, String methodName, Optional<SeedRecord> replaced) {
        MDC.put("seed", Long.toString(context.seedId()));
        try {
            if (replaced.isPresent()) {
                cleanUpReplaced(replaced.get(), context);
            }
            switch (context.stage()) {
                case PREPARE -> method.prepare(context);
                case BACKUP -> method.backup(context);
                case RESTORE -> method.restore(context);
                case CLEANUP -> method.cleanup(context);
                case CONNECT_SLAVE -> throw new IllegalStateException("ConnectSlave is not an agent stage");
            }
            finish(context, StageStatus.Completed, "Stage completed");
        } catch (Exception | LinkageError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            finish(context, StageStatus.Error, why);
        } finally {
            context.processes().close();
            MDC.remove("seed");
        }
    }

    private void finish(RunningStage context, StageStatus status, String details) {
        synchronized (lock) {
            if (running.get(context.stage()) != context) {
                return;
            }
            running.remove(context.stage());
            StageState before = seed.stage(context.stage()).orElseThrow();
            seed = seed.with(before.with(status, details, clock.instant()));
            journal.write(seed);
            listener.stageEnded(seed.method(), context.stage(), status, Duration.between(context.started(), clock.instant()));
            if (context.stage() == Stage.CLEANUP) {
                resources.release(context.seedId());
            }
        }
        if (status == StageStatus.Error) {
            LOG.warn("seed={} stage {} failed: {}", context.seedId(), context.stage().wireName(), details);
        } else {
            LOG.info("seed={} stage {} completed", context.seedId(), context.stage().wireName());
        }
    }

    private void progressed(long runId, Stage stage, StageState.Progress progress, String details) {
        synchronized (lock) {
            RunningStage current = running.get(stage);
            if (current == null || current.runId() != runId) {
                return;
            }
            StageState before = seed.stage(stage).orElseThrow();
            seed = seed.with(before.withProgress(progress, details, clock.instant()));
            listener.progressed(seed.method(), stage, progress);
        }
    }

    private void stop(RunningStage stage) {
        stage.cancel();
        Thread worker = stage.workerThread();
        if (worker != null) {
            try {
                if (!worker.join(WORKER_GRACE)) {
                    LOG.warn("seed={} stage {} did not stop within {}s", stage.seedId(), stage.stage().wireName(),
                            WORKER_GRACE.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stage.processes().killAll();
    }

    /**
     * Runs the cleanup of a seed that another seed's Prepare replaced before it had a successful Cleanup here
     * (orchestrator sends none after a failed seed), inside that Prepare and before it.
     */
    private void cleanUpReplaced(SeedRecord old, RunningStage prepare) throws StageAbortedException {
        Optional<SeedMethod> oldMethod = methods.offered(old.method());
        if (oldMethod.isEmpty()) {
            LOG.warn("seed={} cannot clean up the previous seed {}: method {} is not offered any more", prepare.seedId(),
                    old.seedId(), old.method());
            return;
        }
        prepare.progress().step("Cleaning up the previous seed " + old.seedId());
        LOG.info("seed={} the previous seed {} ({} side, method {}) had no Cleanup on this agent; running its cleanup"
                + " first", prepare.seedId(), old.seedId(), old.side().wireName(), old.method());
        StageContext cleanup = new ForeignStage(old.seedId(), Stage.CLEANUP, old.side(), prepare);
        MDC.put("seed", Long.toString(old.seedId()));
        try {
            oldMethod.get().cleanup(cleanup);
            LOG.info("seed={} cleaned up the previous seed's leftovers ({} side, method {})", old.seedId(),
                    old.side().wireName(), old.method());
        } catch (Exception | LinkageError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            prepare.throwIfCancelled();
            LOG.warn("seed={} the cleanup of the previous seed failed; seed {} goes on: {}", old.seedId(),
                    prepare.seedId(), e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            MDC.put("seed", Long.toString(prepare.seedId()));
        }
    }

    /**
     * Cleans up the current seed if it was abandoned: it ended in Error on this agent (a stage failed or was
     * aborted, or its receiver failed because the other agent's stage did), it had no successful Cleanup, the
     * agent has not cleaned it up yet, and no call for it arrived for {@code abandoned-seed-cleanup-after}.
     * Runs the method's cleanup for this agent's side, as the Cleanup stage would, on the calling thread;
     * never starts MySQL. The record keeps its stage states and notes the cleanup, so a later Prepare of the
     * same seed is a retry. Does nothing when disabled.
     *
     * @return true when it cleaned a seed up (successfully or not)
     */
    public boolean sweepAbandoned() {
        RunningStage context;
        SeedMethod method;
        String why;
        synchronized (lock) {
            if (abandonedAfter.isZero() || seed == null || housekeeping != null || seed.busy()
                    || seed.cleanedUp().isPresent() || !needsCleanup(seed)) {
                return false;
            }
            Optional<Ended> ended = ended();
            if (ended.isEmpty()) {
                return false;
            }
            Instant idleSince = ended.get().at().isAfter(lastCall) ? ended.get().at() : lastCall;
            Duration idle = Duration.between(idleSince, clock.instant());
            if (idle.compareTo(abandonedAfter) < 0) {
                return false;
            }
            Optional<SeedMethod> offered = methods.offered(seed.method());
            if (offered.isEmpty()) {
                LOG.warn("seed={} is abandoned ({}) but method {} is not offered any more; not cleaning it up",
                        seed.seedId(), ended.get().why(), seed.method());
                seed = seed.cleanedUp(clock.instant());
                journal.write(seed);
                return false;
            }
            method = offered.get();
            why = ended.get().why();
            context = new RunningStage(++nextRunId, seed.seedId(), Stage.CLEANUP, seed.side(), Optional.empty(),
                    scopes.open(), new StageProgress(clock, "Cleaning up abandoned seed", (p, d) -> { }),
                    clock.instant());
            context.worker(Thread.currentThread());
            housekeeping = context;
            LOG.info("seed={} abandoned: {}, and no call for it for {}s; running the {} cleanup for the {} side as"
                    + " the Cleanup stage would (orchestrator sends none after a failed seed)", seed.seedId(), why,
                    idle.toSeconds(), seed.method(), seed.side().wireName());
            resources.release(seed.seedId());
        }
        MDC.put("seed", Long.toString(context.seedId()));
        boolean cleaned = false;
        try {
            method.cleanup(context);
            cleaned = true;
        } catch (Exception | LinkageError e) {
            if (e instanceof InterruptedException && !context.cancelled()) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("seed={} the cleanup of the abandoned seed failed: {}", context.seedId(),
                    e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            context.processes().close();
            synchronized (lock) {
                housekeeping = null;
                if (seed != null && seed.seedId() == context.seedId()) {
                    seed = seed.cleanedUp(clock.instant());
                    journal.write(seed);
                }
            }
            if (cleaned) {
                LOG.info("seed={} abandoned seed cleaned up ({} side): the method's cleanup ran (it logs what it"
                        + " removed) and the seed's receiver was released; MySQL was left as it was",
                        context.seedId(), context.side().wireName());
            }
            MDC.remove("seed");
        }
        return true;
    }

    /**
     * Runs {@link #sweepAbandoned()} periodically on a daemon thread until {@link #close()}; does nothing when
     * {@code abandoned-seed-cleanup-after} is zero.
     *
     * @param period how often to look
     */
    public void sweepAbandonedEvery(Duration period) {
        if (abandonedAfter.isZero()) {
            return;
        }
        synchronized (lock) {
            if (sweeper != null) {
                return;
            }
            sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                    .name("abandoned-seed-sweeper").factory());
            sweeper.scheduleWithFixedDelay(() -> {
                try {
                    sweepAbandoned();
                } catch (RuntimeException e) {
                    LOG.warn("the abandoned-seed sweep failed: {}", e.toString());
                }
            }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** How the current seed ended in error on this agent, and since when. */
    private Optional<Ended> ended() {
        Optional<StageState> failed = seed.stages().values().stream()
                .filter(st -> st.status() == StageStatus.Error)
                .max((a, b) -> a.timestamp().compareTo(b.timestamp()));
        if (failed.isPresent()) {
            return Optional.of(new Ended("stage " + failed.get().stage().wireName() + " ended in Error ("
                    + failed.get().details() + ")", failed.get().timestamp()));
        }
        Optional<String> failure = resources.failure(seed.seedId());
        if (failure.isEmpty()) {
            return Optional.empty();
        }
        if (resourcesFailedSeen == null) {
            resourcesFailedSeen = clock.instant();
        }
        return Optional.of(new Ended(failure.get(), resourcesFailedSeen));
    }

    private record Ended(String why, Instant at) {
    }

    /** Another seed's stage context for the cleanup of that seed, run inside (and cancelled with) a stage. */
    private record ForeignStage(long seedId, Stage stage, Side side, RunningStage host) implements StageContext {
        @Override
        public Optional<Peer> peer() {
            return Optional.empty();
        }

        @Override
        public CommandRunner commands() {
            return host.commands();
        }

        @Override
        public ProgressSink progress() {
            return host.progress();
        }

        @Override
        public boolean cancelled() {
            return host.cancelled();
        }
    }

    private void recover() {
        journal.read().ifPresent(previous -> {
            SeedRecord recovered = previous;
            for (StageState state : previous.stages().values()) {
                if (state.status() == StageStatus.Running) {
                    recovered = recovered.with(state.with(StageStatus.Error,
                            "agent restarted during " + state.stage().wireName(), clock.instant()));
                }
            }
            seed = recovered;
            this.recovered = true;
            journal.write(seed);
            LOG.info("seed={} recovered from the journal ({} side, method {})", seed.seedId(),
                    seed.side().wireName(), seed.method());
        });
    }
}
