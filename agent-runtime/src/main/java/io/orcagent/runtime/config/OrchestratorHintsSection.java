package io.orcagent.runtime.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Binds the main-API keys of {@code [orchestrator]} into {@link OrchestratorHintsConfig}. */
final class OrchestratorHintsSection {

    private static final String API_URL = "api-url";
    private static final String EXAMPLE = "\"http://orchestrator.example.com:3000\"";
    private static final Duration MIN_DISCOVER_INTERVAL = Duration.ofMinutes(1);
    private static final Duration MIN_PROMOTION_RULE_INTERVAL = Duration.ofSeconds(10);
    private static final Duration MIN_DOWNTIME_DURATION = Duration.ofMinutes(1);
    /** The keys that mean nothing without {@code api-url}. */
    private static final List<String> HINT_KEYS = List.of("api-user", "api-password", "discover-interval",
            "promotion-rule", "promotion-rule-command", "promotion-rule-interval", "downtime", "downtime-duration",
            "downtime-owner", "downtime-reason", "hint-jitter");

    private OrchestratorHintsSection() {
    }

    /** Reads every key (so all are known) and returns the hints when {@code api-url} is set. */
    static Optional<OrchestratorHintsConfig> bind(SectionReader r) {
        boolean apiUrlPresent = r.raw(API_URL) != null;
        List<URI> apiUrls = apiUrls(r);
        Optional<String> apiUser = r.optionalString("api-user");
        Secret apiPassword = r.secret("api-password", false);
        if (apiUser.isPresent() && apiPassword.isEmpty()) {
            r.problem("api-password", "is required with api-user");
        } else if (apiUser.isEmpty() && !apiPassword.isEmpty()) {
            r.problem("api-password", "needs api-user");
        }
        Duration discoverInterval = r.durationOrZero("discover-interval",
                OrchestratorHintsConfig.DEFAULT_DISCOVER_INTERVAL);
        if (!discoverInterval.isZero() && discoverInterval.compareTo(MIN_DISCOVER_INTERVAL) < 0) {
            r.problem("discover-interval", "must be 0 (off) or at least 1m, so a fleet does not storm orchestrator"
                    + " (got " + ValueText.describe(r.raw("discover-interval")) + ")");
        }
        Optional<PromotionRule> promotionRule = promotionRule(r);
        Optional<String> promotionRuleCommand = r.optionalString("promotion-rule-command");
        if (promotionRule.isPresent() && promotionRuleCommand.isPresent()) {
            r.problem("promotion-rule-command", "cannot be combined with promotion-rule: set one of them");
        }
        Duration promotionRuleInterval = r.positiveDuration("promotion-rule-interval",
                OrchestratorHintsConfig.DEFAULT_PROMOTION_RULE_INTERVAL);
        if (promotionRuleInterval.compareTo(MIN_PROMOTION_RULE_INTERVAL) < 0) {
            r.problem("promotion-rule-interval", "must be at least 10s (got "
                    + ValueText.describe(r.raw("promotion-rule-interval")) + ")");
        }
        boolean downtime = r.bool("downtime", false);
        Duration downtimeDuration = downtimeDuration(r);
        String owner = safeText(r, "downtime-owner", OrchestratorHintsConfig.DEFAULT_DOWNTIME_OWNER);
        String reason = safeText(r, "downtime-reason", OrchestratorHintsConfig.DEFAULT_DOWNTIME_REASON);
        double jitter = r.number("hint-jitter", OrchestratorHintsConfig.DEFAULT_HINT_JITTER, 0,
                OrchestratorHintsConfig.MAX_HINT_JITTER);

        if (!apiUrlPresent) {
            for (String key : HINT_KEYS) {
                if (r.raw(key) != null) {
                    r.problem(key, "needs api-url, orchestrator's main API (e.g. api-url = " + EXAMPLE + ")");
                }
            }
            return Optional.empty();
        }
        if (!r.clean()) {
            return Optional.empty();
        }
        return Optional.of(new OrchestratorHintsConfig(apiUrls, apiUser, apiPassword, discoverInterval, promotionRule,
                promotionRuleCommand, promotionRuleInterval, downtime, downtimeDuration, owner, reason, jitter));
    }

    private static List<URI> apiUrls(SectionReader r) {
        Object value = r.raw(API_URL);
        List<?> texts = switch (value) {
            case null -> List.of();
            case String s -> List.of(s);
            case List<?> list when !list.isEmpty() && list.stream().allMatch(String.class::isInstance) -> list;
            case List<?> list when list.isEmpty() -> {
                r.problem(API_URL, "must list at least one URL, e.g. api-url = [" + EXAMPLE + "]");
                yield List.of();
            }
            default -> {
                r.problem(API_URL, "must be a string or an array of strings, e.g. api-url = " + EXAMPLE + " (got "
                        + ValueText.describe(value) + ")");
                yield List.of();
            }
        };
        List<URI> urls = new ArrayList<>();
        for (Object text : texts) {
            parse(r, (String) text).ifPresent(uri -> {
                if (urls.contains(uri)) {
                    r.problem(API_URL, "lists " + ValueText.describe(uri.toString()) + " more than once");
                } else {
                    urls.add(uri);
                }
            });
        }
        return urls;
    }

    /**
     * {@code scheme://host[:port][/prefix]}: a path is orchestrator's {@code URLPrefix}; a trailing
     * {@code /api} is dropped, as orchestrator-client does, because the agent adds it.
     */
    private static Optional<URI> parse(SectionReader r, String text) {
        String got = " (got " + ValueText.describe(text) + ")";
        String s = text.trim();
        if (s.isEmpty()) {
            r.problem(API_URL, "must not be empty, e.g. api-url = " + EXAMPLE);
            return Optional.empty();
        }
        if (!s.contains("://")) {
            s = "http://" + s;
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            r.problem(API_URL, "is not a valid URL" + got);
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            r.problem(API_URL, "must start with http:// or https://" + got);
        } else if (uri.getHost() == null) {
            r.problem(API_URL, "must name a host, e.g. " + EXAMPLE + got);
        } else if (uri.getRawUserInfo() != null) {
            r.problem(API_URL, "must not contain a user name or password: set api-user and api-password" + got);
        } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            r.problem(API_URL, "must not contain a query or a fragment" + got);
        } else {
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            if (path.endsWith("/api")) {
                path = path.substring(0, path.length() - "/api".length());
            }
            String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
            return Optional.of(URI.create(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port + path));
        }
        return Optional.empty();
    }

    private static Optional<PromotionRule> promotionRule(SectionReader r) {
        Optional<String> text = r.optionalString("promotion-rule");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<PromotionRule> rule = PromotionRule.parse(text.get());
        if (rule.isEmpty()) {
            r.problem("promotion-rule", "must be one of " + PromotionRule.NAMES + " (got "
                    + ValueText.describe(text.get()) + ")");
        }
        return rule;
    }

    /** orchestrator reads the duration in whole seconds, minutes, hours ({@code "15m"}); one minute at least. */
    private static Duration downtimeDuration(SectionReader r) {
        Duration duration = r.positiveDuration("downtime-duration", OrchestratorHintsConfig.DEFAULT_DOWNTIME_DURATION);
        Object value = r.raw("downtime-duration");
        if (duration.compareTo(MIN_DOWNTIME_DURATION) < 0) {
            r.problem("downtime-duration", "must be at least 1m (got " + ValueText.describe(value) + ")");
        } else if (duration.toNanosPart() != 0) {
            r.problem("downtime-duration", "must be a whole number of seconds (got " + ValueText.describe(value) + ")");
        }
        return duration;
    }

    private static String safeText(SectionReader r, String key, String defaultValue) {
        Object value = r.raw(key);
        String text = r.string(key, defaultValue);
        if (value instanceof String && !OrchestratorHintsConfig.SAFE_TEXT.matcher(text).matches()) {
            r.problem(key, "must be 1 to 128 letters, digits, spaces or _ . , : @ ( ) - (got "
                    + ValueText.describe(text) + ")");
        }
        return text;
    }
}
