package io.orcagent.runtime.orchestrator;

import java.util.Objects;
import java.util.Optional;

import io.orcagent.runtime.agent.ApiFlavourState.Flavour;

/**
 * The outcome of one registration attempt.
 *
 * @param flavour the API that accepted the agent, when accepted
 * @param problem why it was not accepted, when not
 */
public record RegistrationResult(Optional<Flavour> flavour, String problem) {

    /**
     * Validates.
     *
     * @param flavour flavour
     * @param problem problem
     */
    public RegistrationResult {
        Objects.requireNonNull(flavour, "flavour is null");
        Objects.requireNonNull(problem, "problem is null");
    }

    /**
     * Accepted.
     *
     * @param flavour the API used
     * @return the result
     */
    public static RegistrationResult accepted(Flavour flavour) {
        return new RegistrationResult(Optional.of(flavour), "");
    }

    /**
     * Refused or failed.
     *
     * @param problem why
     * @return the result
     */
    public static RegistrationResult failed(String problem) {
        return new RegistrationResult(Optional.empty(), problem);
    }

    /**
     * Whether it was accepted.
     *
     * @return true when accepted
     */
    public boolean accepted() {
        return flavour.isPresent();
    }
}
