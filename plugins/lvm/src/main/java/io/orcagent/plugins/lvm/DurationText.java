package io.orcagent.plugins.lvm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations written the way the rest of the config file writes them: Go duration strings
 * ({@code "15m"}, {@code "1h30m"}, {@code "90s"}) or a plain number of seconds.
 */
final class DurationText {

    private static final Pattern PLAIN_SECONDS = Pattern.compile("\\d+");
    private static final Pattern COMPONENT = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|\u00b5s|ms|s|m|h)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private DurationText() {
    }

    /**
     * Parses a duration.
     *
     * @param text e.g. {@code "15m"} or {@code "900"}
     * @return the duration
     * @throws IllegalArgumentException with a plain sentence when the text is not a duration
     */
    static Duration parse(String text) {
        String s = text.strip();
        if (PLAIN_SECONDS.matcher(s).matches()) {
            try {
                return Duration.ofSeconds(Long.parseLong(s));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher m = COMPONENT.matcher(s);
        int end = 0;
        while (end < s.length()) {
            if (!m.find(end) || m.start() != end) {
                throw invalid(text);
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(m.group(2)))));
            end = m.end();
        }
        BigInteger whole = nanos.toBigInteger();
        if (whole.bitLength() > 62) {
            throw invalid(text);
        }
        return Duration.ofNanos(whole.longValueExact());
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("must be a duration such as \"15m\", \"1h30m\" or a number of seconds"
                + " (got \"" + text + "\")");
    }
}
