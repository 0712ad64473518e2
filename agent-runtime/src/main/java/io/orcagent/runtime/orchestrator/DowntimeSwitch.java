package io.orcagent.runtime.orchestrator;

/**
 * Turns continuous downtime on and off while the agent runs. The choice overrides the config file's
 * {@code downtime} until the agent restarts.
 */
public interface DowntimeSwitch {

    /**
     * The current state.
     *
     * @return the state
     */
    DowntimeState downtimeState();

    /**
     * Turns continuous downtime on (the first begin-downtime is sent at once) or off (renewals stop
     * and the current downtime lapses at its end).
     *
     * @param on the wanted state
     * @return the new state
     */
    DowntimeState turnDowntime(boolean on);
}
