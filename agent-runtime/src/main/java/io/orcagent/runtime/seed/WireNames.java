package io.orcagent.runtime.seed;

import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import java.util.Optional;

/**
 * Reads the wire names of seed stages and sides (URL segments, the journal), case-sensitively. The
 * runtime owns this parsing and the texts orchestrator expects when it fails; the SPI only names the
 * values ({@link Stage#wireName()}, {@link Side#wireName()}).
 */
public final class WireNames {

    private WireNames() {
    }

    /**
     * A stage by its wire name.
     *
     * @param name e.g. {@code Backup}
     * @return the stage, empty when the name is none
     */
    public static Optional<Stage> stage(String name) {
        for (Stage stage : Stage.values()) {
            if (stage.wireName().equals(name)) {
                return Optional.of(stage);
            }
        }
        return Optional.empty();
    }

    /**
     * A side by its wire name.
     *
     * @param name {@code Target} or {@code Source}
     * @return the side, empty when the name is none
     */
    public static Optional<Side> side(String name) {
        for (Side side : Side.values()) {
            if (side.wireName().equals(name)) {
                return Optional.of(side);
            }
        }
        return Optional.empty();
    }
}
