package io.orcagent.plugins.xtrabackup;

import io.orcagent.api.ConfigException;
import io.orcagent.api.PluginConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration key the way the agent's own config does: a Go duration string ({@code "15m"},
 * {@code "1h30m"}, {@code "90s"}) or an integer number of seconds. Only positive durations are accepted.
 */
final class SettingDurations {

    private static final Pattern COMPONENT = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ms|s|m|h)");
    private static final Map<String, Long> MILLIS_PER_UNIT = Map.of("ms", 1L, "s", 1_000L, "m", 60_000L,
            "h", 3_600_000L);
    private static final long MAX_MILLIS = Duration.ofDays(365).toMillis();

    private SettingDurations() {
    }

    /**
     * Reads the key.
     *
     * @param config the section
     * @param key the key
     * @param defaultValue the value when absent
     * @return the duration
     * @throws ConfigException when the value is not a positive duration up to a year
     */
    static Duration read(PluginConfig config, String key, Duration defaultValue) throws ConfigException {
        if (!config.keys().contains(key)) {
            return defaultValue;
        }
        String text;
        try {
            text = config.string(key, "");
        } catch (ConfigException notAString) {
            text = Long.toString(config.integer(key, 0));
        }
        return parse(key, text);
    }

    /**
     * Parses a duration text.
     *
     * @param key the key, for the error
     * @param text e.g. {@code "15m"} or {@code "900"}
     * @return the duration
     * @throws ConfigException when it is not a positive duration up to a year
     */
    static Duration parse(String key, String text) throws ConfigException {
        String s = text.strip();
        BigDecimal millis = BigDecimal.ZERO;
        if (s.matches("\\d{1,12}")) {
            millis = BigDecimal.valueOf(Long.parseLong(s)).multiply(BigDecimal.valueOf(1_000));
        } else {
            Matcher m = COMPONENT.matcher(s);
            int end = 0;
            while (end < s.length() || end == 0) {
                if (!m.find(end) || m.start() != end) {
                    throw invalid(key, text);
                }
                millis = millis.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(MILLIS_PER_UNIT.get(m.group(2)))));
                end = m.end();
            }
        }
        if (millis.signum() <= 0 || millis.compareTo(BigDecimal.valueOf(MAX_MILLIS)) > 0) {
            throw invalid(key, text);
        }
        return Duration.ofMillis(millis.longValue());
    }

    private static ConfigException invalid(String key, String text) {
        return new ConfigException(key, "must be a positive duration up to a year such as \"15m\", \"1h30m\" or a"
                + " number of seconds (got \"" + text + "\")");
    }
}
