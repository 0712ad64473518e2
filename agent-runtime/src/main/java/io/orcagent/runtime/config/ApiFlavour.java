package io.orcagent.runtime.config;

import java.util.Locale;
import java.util.Optional;

/** Which orchestrator API the agent speaks ({@code [orchestrator] api}). */
public enum ApiFlavour {
    /** Detect at registration: try the seed API, fall back to the legacy one. */
    AUTO,
    /** The seed fork's API ({@code POST /api/register-agent}). */
    SEED,
    /** Upstream/Percona orchestrator's API ({@code GET /api/submit-agent/...}). */
    LEGACY;

    /**
     * Parses the config spelling ({@code auto}, {@code seed}, {@code legacy}; any case).
     *
     * @param text the value from the file
     * @return the flavour, or empty when the text names none
     */
    public static Optional<ApiFlavour> fromConfig(String text) {
        for (ApiFlavour flavour : values()) {
            if (flavour.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(flavour);
            }
        }
        return Optional.empty();
    }

    /**
     * The spelling used in the config file.
     *
     * @return e.g. {@code auto}
     */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
