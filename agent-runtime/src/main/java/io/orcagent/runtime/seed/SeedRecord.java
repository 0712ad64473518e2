package io.orcagent.runtime.seed;

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
 */
public record SeedRecord(long seedId, String method, Side side, Stage currentStage, Map<Stage, StageState> stages) {

    /**
     * Validates and copies.
     *
     * @param seedId seed
     * @param method method
     * @param side side
     * @param currentStage stage
     * @param stages stages
     */
    public SeedRecord {
        Objects.requireNonNull(method, "method is null");
        Objects.requireNonNull(side, "side is null");
        Objects.requireNonNull(currentStage, "currentStage is null");
        EnumMap<Stage, StageState> copy = new EnumMap<>(Stage.class);
        copy.putAll(stages);
        stages = Map.copyOf(copy);
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
        return new SeedRecord(seedId, method, side, currentStage, copy);
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
        return new SeedRecord(seedId, method, side, stage, copy);
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
