package io.orcagent.runtime.seed;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.orcagent.api.Side;
import io.orcagent.api.Stage;

/**
 * The seed this agent takes part in (immutable snapshot).
 *
 * @param seedId the seed id
 * @param method the method's wire name
 * @param side this agent's side
 * @param currentStage the stage last started (or ConnectSlave after get-metadata)
 * @param stages state per stage
 * @param attempt 1 for the first Prepare, one more for each Prepare that retried the seed on this agent
 * @param cleanedUp when the agent ran the method's cleanup on its own for this abandoned seed (the seed ended
 *     in Error and no call for it arrived for {@code abandoned-seed-cleanup-after}, or another seed's Prepare
 *     replaced it); empty otherwise
 */
public record SeedRecord(long seedId, String method, Side side, Stage currentStage, Map<Stage, StageState> stages,
                         int attempt, Optional<Instant> cleanedUp) {

    /**
     * Validates and copies.
     *
     * @param seedId seed
     * @param method method
     * @param side side
     * @param currentStage stage
     * @param stages stages
     * @param attempt attempt, at least 1
     * @param cleanedUp automatic cleanup time
     */
    public SeedRecord {
        Objects.requireNonNull(method, "method is null");
        Objects.requireNonNull(side, "side is null");
        Objects.requireNonNull(currentStage, "currentStage is null");
        Objects.requireNonNull(cleanedUp, "cleanedUp is null");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, not " + attempt);
        }
        EnumMap<Stage, StageState> copy = new EnumMap<>(Stage.class);
        copy.putAll(stages);
        stages = Map.copyOf(copy);
    }

    /**
     * A new seed: first attempt, not cleaned up.
     *
     * @param seedId seed
     * @param method method
     * @param side side
     * @param currentStage stage
     * @param stages stages
     */
    public SeedRecord(long seedId, String method, Side side, Stage currentStage, Map<Stage, StageState> stages) {
        this(seedId, method, side, currentStage, stages, 1, Optional.empty());
    }

    /**
     * A stage's state.
     *
     * @param stage the stage
     * @return its state if it ran
     */
    public Optional<StageState> stage(Stage stage) {
        return Optional.ofNullable(stages.get(stage));
    }

    /**
     * Whether any stage runs now.
     *
     * @return true while busy
     */
    public boolean busy() {
        return stages.values().stream().anyMatch(s -> s.status() == StageStatus.Running);
    }

    /**
     * The seed's overall status: Completed once Cleanup completed, Error when a stage failed, else Running.
     *
     * @return the status
     */
    public StageStatus overall() {
        StageState cleanup = stages.get(Stage.CLEANUP);
        if (cleanup != null && cleanup.status() == StageStatus.Completed) {
            return StageStatus.Completed;
        }
        StageState current = stages.get(currentStage);
        if (current != null && current.status() == StageStatus.Error) {
            return StageStatus.Error;
        }
        return StageStatus.Running;
    }

    /**
     * This record with a stage state replaced.
     *
     * @param state the new state
     * @return the new record
     */
    public SeedRecord with(StageState state) {
        EnumMap<Stage, StageState> copy = new EnumMap<>(Stage.class);
        copy.putAll(stages);
        copy.put(state.stage(), state);
        return new SeedRecord(seedId, method, side, currentStage, copy, attempt, cleanedUp);
    }

    /**
     * This record as a retry from Prepare: the next attempt, every stage state dropped, not cleaned up.
     *
     * @return the new record
     */
    public SeedRecord retried() {
        return new SeedRecord(seedId, method, side, Stage.PREPARE, Map.of(), attempt + 1, Optional.empty());
    }

    /**
     * This record after the agent cleaned the abandoned seed up on its own.
     *
     * @param at when
     * @return the new record
     */
    public SeedRecord cleanedUp(Instant at) {
        return new SeedRecord(seedId, method, side, currentStage, stages, attempt, Optional.of(at));
    }

    /**
     * This record with another current stage and, optionally, later stages forgotten (a retry).
     *
     * @param stage the stage now current
     * @param forgetLater whether to drop states of stages after it
     * @return the new record
     */
    public SeedRecord at(Stage stage, boolean forgetLater) {
        EnumMap<Stage, StageState> copy = new EnumMap<>(Stage.class);
        copy.putAll(stages);
        if (forgetLater) {
            copy.keySet().removeIf(s -> order(s) >= order(stage));
        }
        return new SeedRecord(seedId, method, side, stage, copy, attempt, cleanedUp);
    }

    /**
     * The stage order orchestrator runs them in.
     *
     * @param stage a stage
     * @return its position
     */
    static int order(Stage stage) {
        return switch (stage) {
            case PREPARE -> 0;
            case BACKUP -> 1;
            case RESTORE -> 2;
            case CONNECT_SLAVE -> 3;
            case CLEANUP -> 4;
        };
    }
}
