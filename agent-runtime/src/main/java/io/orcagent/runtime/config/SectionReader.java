package io.orcagent.runtime.config;

import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, validating reads of one core section. A bad value is recorded as a problem and the default
 * returned, so that one pass finds every problem; {@link #clean()} says whether the section may be used.
 */
final class SectionReader {

    private final String section;
    private final Map<String, Object> values;
    private final Problems problems;
    private final int problemsAtStart;
    private final Set<String> known = new LinkedHashSet<>();

    SectionReader(String section, Map<String, Object> values, Problems problems) {
        this.section = section;
        this.values = values;
        this.problems = problems;
        this.problemsAtStart = problems.count();
    }

    String section() {
        return section;
    }

    /** The value, or null when absent; marks the key as known. */
    Object raw(String key) {
        known.add(key);
        return values.get(key);
    }

    void problem(String key, String sentence) {
        problems.add(section + "." + key, sentence);
    }

    String string(String key, String defaultValue) {
        Object value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof String s) {
            return s;
        }
        problem(key, "must be a string (got " + ValueText.describe(value) + ")");
        return defaultValue;
    }

    /** A string that may not be empty; {@code example} shows the operator what to write. */
    String nonEmptyString(String key, String defaultValue, String example) {
        Object value = raw(key);
        if (value == null && defaultValue != null) {
            return defaultValue;
        }
        if (value == null) {
            problem(key, "is required, e.g. " + key + " = " + example);
            return "";
        }
        String s = string(key, "");
        if (value instanceof String && s.isBlank()) {
            problem(key, "must not be empty, e.g. " + key + " = " + example);
        }
        return s;
    }

    /** Empty when absent or {@code ""} (the Go agent's "unset"). */
    Optional<String> optionalString(String key) {
        String s = string(key, "");
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    Secret secret(String key, boolean required) {
        Object value = raw(key);
        if (value == null) {
            if (required) {
                problem(key, "is required");
            }
            return Secret.EMPTY;
        }
        if (!(value instanceof String s)) {
            problem(key, "must be a string (got " + ValueText.kind(value) + ")");
            return Secret.EMPTY;
        }
        if (required && s.isEmpty()) {
            problem(key, "must not be empty");
        }
        return new Secret(s);
    }

    boolean bool(String key, boolean defaultValue) {
        Object value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        problem(key, "must be true or false (got " + ValueText.describe(value) + ")");
        return defaultValue;
    }

    int port(String key, int defaultValue) {
        Object value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Long l && l >= 1 && l <= 65535) {
            return l.intValue();
        }
        problem(key, "must be an integer between 1 and 65535 (got " + ValueText.describe(value) + ")");
        return defaultValue;
    }

    /** An integer within [min, max]. */
    int integer(String key, int defaultValue, int min, int max) {
        Object value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Long l && l >= min && l <= max) {
            return l.intValue();
        }
        problem(key, "must be an integer between " + min + " and " + max + " (got " + ValueText.describe(value) + ")");
        return defaultValue;
    }

    /** A Go duration string, or an integer number of seconds; zero and negative are refused. */
    Duration positiveDuration(String key, Duration defaultValue) {
        Object value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        Duration duration = duration(key, value);
        if (duration == null) {
            return defaultValue;
        }
        if (duration.isNegative() || duration.isZero()) {
            problem(key, "must be longer than zero (got " + ValueText.describe(value) + ")");
            return defaultValue;
        }
        return duration;
    }

    /** Like {@link #positiveDuration} but zero is allowed (it switches a periodic job off). */
    Duration durationOrZero(String key, Duration defaultValue) {
        Object value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        Duration duration = duration(key, value);
        if (duration == null) {
            return defaultValue;
        }
        if (duration.isNegative()) {
            problem(key, "must not be negative (got " + ValueText.describe(value) + ")");
            return defaultValue;
        }
        return duration;
    }

    private Duration duration(String key, Object value) {
        try {
            return switch (value) {
                case String s -> GoDuration.parse(s);
                case Long seconds -> Duration.ofSeconds(seconds);
                default -> throw new IllegalArgumentException("must be a duration such as \"90s\", \"1m30s\" or"
                        + " \"1.5h\" (got " + ValueText.describe(value) + ")");
            };
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return null;
        }
    }

    /** A number, written as an integer or a float, within [min, max]. */
    double number(String key, double defaultValue, double min, double max) {
        Object value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        double number;
        if (value instanceof Long l) {
            number = l;
        } else if (value instanceof Double d) {
            number = d;
        } else {
            problem(key, "must be a number such as 0.2 (got " + ValueText.describe(value) + ")");
            return defaultValue;
        }
        if (!(number >= min && number <= max)) {
            problem(key, "must be between " + plain(min) + " and " + plain(max) + " (got " + ValueText.describe(value)
                    + ")");
            return defaultValue;
        }
        return number;
    }

    List<String> strings(String key, List<String> defaultValue) {
        Object value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            List<String> result = new ArrayList<>();
            list.forEach(item -> result.add((String) item));
            return List.copyOf(result);
        }
        problem(key, "must be an array of strings, e.g. [\"a\", \"b\"] (got " + ValueText.describe(value) + ")");
        return defaultValue;
    }

    /** An absolute path; empty when absent or {@code ""}. */
    Optional<Path> optionalAbsolutePath(String key) {
        return optionalString(key).map(s -> absolutePath(key, s));
    }

    Path absolutePath(String key, Path defaultValue) {
        Optional<String> text = optionalString(key);
        if (values.get(key) instanceof String s && s.isEmpty()) {
            problem(key, "must not be empty");
        }
        return text.map(s -> absolutePath(key, s)).orElse(defaultValue);
    }

    Path requiredAbsolutePath(String key, String example) {
        String text = nonEmptyString(key, null, example);
        return text.isBlank() ? Path.of("/") : absolutePath(key, text);
    }

    private Path absolutePath(String key, String text) {
        try {
            Path path = Path.of(text);
            if (path.isAbsolute()) {
                return path.normalize();
            }
            problem(key, "must be an absolute path (got " + ValueText.describe(text) + ")");
        } catch (InvalidPathException e) {
            problem(key, "is not a valid path (got " + ValueText.describe(text) + ")");
        }
        return Path.of("/");
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Records a problem for each present key that was never read. */
    void reportUnknownKeys() {
        for (String key : new TreeSet<>(values.keySet())) {
            if (!known.contains(key)) {
                problem(key, "unknown key" + suggestion(key));
            }
        }
    }

    /** Keys read so far, in reading order. */
    Set<String> knownKeys() {
        return known;
    }

    /** No problem was recorded since this reader was created. */
    boolean clean() {
        return problems.count() == problemsAtStart;
    }

    private String suggestion(String key) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int distance = distance(key, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best == null ? "" : " (did you mean \"" + best + "\"?)";
    }

    /** Levenshtein distance, for "did you mean" hints on typos. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
