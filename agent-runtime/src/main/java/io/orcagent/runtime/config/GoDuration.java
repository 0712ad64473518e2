package io.orcagent.runtime.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Go duration strings ({@code time.ParseDuration}) such as {@code "1m0s"}, {@code "300s"},
 * {@code "1.5h"} or {@code "10ms"}. A plain integer is read as seconds, as the legacy agent's
 * {@code ...Seconds} keys were.
 */
public final class GoDuration {

    private static final Pattern PLAIN_SECONDS = Pattern.compile("[+-]?\\d+");
    private static final Pattern COMPONENT = Pattern.compile("(\\d*(?:\\.\\d*)?)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)");
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L,
            "\u03bcs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /**
     * Parses a duration.
     *
     * @param text e.g. {@code "1m0s"}, {@code "-1.5h"}, {@code "90"} (seconds)
     * @return the duration (may be zero or negative; callers decide what they allow)
     * @throws IllegalArgumentException with a plain sentence when the text is not a duration
     */
    public static Duration parse(String text) {
        String s = text.trim();
        if (PLAIN_SECONDS.matcher(s).matches()) {
            try {
                return Duration.ofSeconds(Long.parseLong(s));
            } catch (NumberFormatException | ArithmeticException e) {
                throw outOfRange(text);
            }
        }
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            throw notADuration(text);
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher m = COMPONENT.matcher(s);
        int end = 0;
        while (end < s.length()) {
            if (!m.find(end) || m.start() != end) {
                throw notADuration(text);
            }
            String number = m.group(1);
            if (number.isEmpty() || number.equals(".")) {
                throw notADuration(text);
            }
            nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(m.group(2)))));
            end = m.end();
        }
        BigInteger whole = nanos.toBigInteger();
        if (whole.compareTo(MAX_NANOS) > 0) {
            throw outOfRange(text);
        }
        long value = whole.longValueExact();
        return Duration.ofNanos(negative ? -value : value);
    }

    private static IllegalArgumentException notADuration(String text) {
        return new IllegalArgumentException("must be a duration such as \"90s\", \"1m30s\", \"1.5h\" or a number of"
                + " seconds (got \"" + text + "\")");
    }

    private static IllegalArgumentException outOfRange(String text) {
        return new IllegalArgumentException("is too long a duration (got \"" + text + "\")");
    }
}
