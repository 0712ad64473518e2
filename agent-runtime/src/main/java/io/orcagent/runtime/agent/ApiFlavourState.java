package io.orcagent.runtime.agent;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which orchestrator API the agent answers in where the two differ ({@code mysql-error-log-tail},
 * {@code umount}, the seed-API commands that return agent data). Fixed by configuration, or detected
 * at registration.
 */
public final class ApiFlavourState {

    /** The two orchestrator flavours. */
    public enum Flavour {
        /** The seed fork (MaxFedotov/orchestrator): register-agent, get-agent-data, seed stages. */
        SEED,
        /** Upstream and Percona orchestrator: submit-agent and the polling routes. */
        LEGACY
    }

    private final AtomicReference<Flavour> current;
    private final boolean fixed;

    /**
     * Creates the state.
     *
     * @param initial the flavour until registration says otherwise
     * @param fixed whether configuration fixed it (detection then does not change it)
     */
    public ApiFlavourState(Flavour initial, boolean fixed) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial is null"));
        this.fixed = fixed;
    }

    /**
     * The flavour to answer in now.
     *
     * @return the flavour
     */
    public Flavour current() {
        return current.get();
    }

    /**
     * Records the flavour a registration succeeded with (ignored when fixed by configuration).
     *
     * @param detected the detected flavour
     */
    public void detected(Flavour detected) {
        if (!fixed) {
            current.set(Objects.requireNonNull(detected, "detected is null"));
        }
    }

    /**
     * Whether configuration fixed the flavour.
     *
     * @return true when fixed
     */
    public boolean fixed() {
        return fixed;
    }
}
