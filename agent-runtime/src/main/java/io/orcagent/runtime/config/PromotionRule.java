package io.orcagent.runtime.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A promotion rule as orchestrator's {@code register-candidate} API takes it. orchestrator also knows
 * {@code must}, but refuses it ("not supported yet"), so it is not offered.
 */
public enum PromotionRule {
    /** A good candidate: promote it before others. */
    PREFER("prefer"),
    /** No particular opinion. */
    NEUTRAL("neutral"),
    /** Promote only when there is no better choice. */
    PREFER_NOT("prefer_not"),
    /** Never promote. */
    MUST_NOT("must_not");

    /** The valid names, for messages: {@code prefer, neutral, prefer_not, must_not}. */
    public static final String NAMES = Arrays.stream(values()).map(PromotionRule::wireName)
            .collect(Collectors.joining(", "));

    private final String wireName;

    PromotionRule(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name in orchestrator's API path.
     *
     * @return e.g. {@code prefer_not}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Parses a rule name, ignoring case and surrounding white space.
     *
     * @param text e.g. {@code "prefer_not\n"}
     * @return the rule, or empty when the text is not one of {@link #NAMES}
     */
    public static Optional<PromotionRule> parse(String text) {
        String name = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(rule -> rule.wireName.equals(name)).findFirst();
    }
}
