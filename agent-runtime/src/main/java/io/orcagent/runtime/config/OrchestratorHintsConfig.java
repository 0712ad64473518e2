package io.orcagent.runtime.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The keys of {@code [orchestrator]} that let the agent do the deployment guide's cron jobs itself:
 * self-discovery, promotion rule, continuous downtime, all through orchestrator's main API. Present
 * only when {@code api-url} is set.
 *
 * @param apiUrls {@code api-url}: orchestrator's main API, one base URL per node ({@code scheme://host:port}
 *     plus orchestrator's {@code URLPrefix} if it has one), in file order
 * @param apiUser {@code api-user}: HTTP Basic user for the main API; empty for none
 * @param apiPassword {@code api-password}: its password
 * @param discoverInterval {@code discover-interval}: how often to ask orchestrator to discover the local
 *     MySQL (it is also asked at start); zero switches self-discovery off (default 24h)
 * @param promotionRule {@code promotion-rule}: the rule to announce
 * @param promotionRuleCommand {@code promotion-rule-command}: an operator command whose standard output is
 *     the rule (exclusive with {@code promotion-rule})
 * @param promotionRuleInterval {@code promotion-rule-interval}: how often the rule is announced (default 2m)
 * @param downtime {@code downtime}: keep the local MySQL downtimed (default false)
 * @param downtimeDuration {@code downtime-duration}: the length of each downtime; renewed at about half
 *     of it (default 15m)
 * @param downtimeOwner {@code downtime-owner}: downtime owner shown by orchestrator
 * @param downtimeReason {@code downtime-reason}: downtime reason shown by orchestrator
 * @param hintJitter {@code hint-jitter}: each interval is randomised within ±this fraction (default 0.2)
 */
public record OrchestratorHintsConfig(
        List<URI> apiUrls,
        Optional<String> apiUser,
        Secret apiPassword,
        Duration discoverInterval,
        Optional<PromotionRule> promotionRule,
        Optional<String> promotionRuleCommand,
        Duration promotionRuleInterval,
        boolean downtime,
        Duration downtimeDuration,
        String downtimeOwner,
        String downtimeReason,
        double hintJitter) {

    /** Default {@code discover-interval}. */
    public static final Duration DEFAULT_DISCOVER_INTERVAL = Duration.ofHours(24);
    /** Default {@code promotion-rule-interval}. */
    public static final Duration DEFAULT_PROMOTION_RULE_INTERVAL = Duration.ofMinutes(2);
    /** Default {@code downtime-duration}. */
    public static final Duration DEFAULT_DOWNTIME_DURATION = Duration.ofMinutes(15);
    /** Default {@code downtime-owner}. */
    public static final String DEFAULT_DOWNTIME_OWNER = "orchestrator-agent";
    /** Default {@code downtime-reason}. */
    public static final String DEFAULT_DOWNTIME_REASON = "continuous downtime from orchestrator-agent";
    /** Default {@code hint-jitter}. */
    public static final double DEFAULT_HINT_JITTER = 0.2;
    /** Largest {@code hint-jitter}. */
    public static final double MAX_HINT_JITTER = 0.5;

    /**
     * What downtime owner and reason may contain. They become path segments of orchestrator's API,
     * which decodes the path before routing, so a {@code /} would break the route and is not allowed.
     */
    public static final Pattern SAFE_TEXT = Pattern.compile("[A-Za-z0-9 _.,:@()-]{1,128}");

    /**
     * Validates.
     *
     * @param apiUrls API base URLs, at least one
     * @param apiUser Basic user
     * @param apiPassword Basic password
     * @param discoverInterval discovery period, zero for off
     * @param promotionRule static rule
     * @param promotionRuleCommand rule command
     * @param promotionRuleInterval rule period
     * @param downtime continuous downtime
     * @param downtimeDuration downtime length
     * @param downtimeOwner owner
     * @param downtimeReason reason
     * @param hintJitter jitter fraction
     */
    public OrchestratorHintsConfig {
        apiUrls = List.copyOf(apiUrls);
        if (apiUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one api-url is required");
        }
        Objects.requireNonNull(apiUser, "apiUser is null");
        Objects.requireNonNull(apiPassword, "apiPassword is null");
        Objects.requireNonNull(discoverInterval, "discoverInterval is null");
        Objects.requireNonNull(promotionRule, "promotionRule is null");
        Objects.requireNonNull(promotionRuleCommand, "promotionRuleCommand is null");
        if (promotionRule.isPresent() && promotionRuleCommand.isPresent()) {
            throw new IllegalArgumentException("promotion-rule and promotion-rule-command exclude each other");
        }
        Objects.requireNonNull(promotionRuleInterval, "promotionRuleInterval is null");
        Objects.requireNonNull(downtimeDuration, "downtimeDuration is null");
        if (discoverInterval.isNegative() || !promotionRuleInterval.isPositive() || !downtimeDuration.isPositive()) {
            throw new IllegalArgumentException("intervals must be positive (discover-interval may be zero)");
        }
        if (!SAFE_TEXT.matcher(downtimeOwner).matches() || !SAFE_TEXT.matcher(downtimeReason).matches()) {
            throw new IllegalArgumentException("downtime owner and reason must match " + SAFE_TEXT.pattern());
        }
        if (!(hintJitter >= 0 && hintJitter <= MAX_HINT_JITTER)) {
            throw new IllegalArgumentException("hint-jitter must be between 0 and " + MAX_HINT_JITTER);
        }
    }

    /**
     * Whether self-discovery runs.
     *
     * @return false when {@code discover-interval} is zero
     */
    public boolean discoveryEnabled() {
        return !discoverInterval.isZero();
    }

    /** Shows whether a promotion rule command is set, not the command: an operator's line may hold a password. */
    @Override
    public String toString() {
        return "OrchestratorHintsConfig[apiUrls=" + apiUrls + ", apiUser=" + apiUser + ", apiPassword=" + apiPassword
                + ", discoverInterval=" + discoverInterval + ", promotionRule=" + promotionRule
                + ", promotionRuleCommand=" + (promotionRuleCommand.isPresent() ? "(set)" : "(none)")
                + ", promotionRuleInterval=" + promotionRuleInterval + ", downtime=" + downtime
                + ", downtimeDuration=" + downtimeDuration + ", downtimeOwner=" + downtimeOwner
                + ", downtimeReason=" + downtimeReason + ", hintJitter=" + hintJitter + "]";
    }
}
