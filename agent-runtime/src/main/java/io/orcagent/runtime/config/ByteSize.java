package io.orcagent.runtime.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses byte amounts such as {@code "0"}, {@code "512KiB"}, {@code "100MiB"}, {@code "1.5GB"} or
 * {@code "100MiB/s"}. {@code KB}/{@code MB}/{@code GB}/{@code TB} are powers of 1000;
 * {@code KiB}/{@code MiB}/{@code GiB}/{@code TiB} and the one-letter {@code K}/{@code M}/{@code G}/{@code T}
 * are powers of 1024. Units are case-insensitive; a number without a unit is bytes.
 */
public final class ByteSize {

    private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)(?:/s)?");
    private static final Map<String, Long> MULTIPLIERS = Map.ofEntries(
            Map.entry("", 1L),
            Map.entry("b", 1L),
            Map.entry("k", 1L << 10),
            Map.entry("kib", 1L << 10),
            Map.entry("kb", 1_000L),
            Map.entry("m", 1L << 20),
            Map.entry("mib", 1L << 20),
            Map.entry("mb", 1_000_000L),
            Map.entry("g", 1L << 30),
            Map.entry("gib", 1L << 30),
            Map.entry("gb", 1_000_000_000L),
            Map.entry("t", 1L << 40),
            Map.entry("tib", 1L << 40),
            Map.entry("tb", 1_000_000_000_000L));

    private ByteSize() {
    }

    /**
     * Parses an amount of bytes; fractions of a byte are dropped.
     *
     * @param text e.g. {@code "100MiB"}
     * @return the number of bytes, zero or more
     * @throws IllegalArgumentException with a plain sentence when the text is not an amount
     */
    public static long parse(String text) {
        Matcher m = AMOUNT.matcher(text.trim());
        Long multiplier = m.matches() ? MULTIPLIERS.get(m.group(2).toLowerCase(Locale.ROOT)) : null;
        if (multiplier == null) {
            throw new IllegalArgumentException("must be an amount of bytes such as \"0\" (unlimited), \"512KiB\","
                    + " \"100MiB\" or \"1GB\" (got \"" + text + "\")");
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(multiplier));
        try {
            return bytes.toBigInteger().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("is too large (got \"" + text + "\")");
        }
    }
}
