package io.orcagent.runtime.config;

import com.moandjiezana.toml.Toml;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses TOML text with toml4j into plain, immutable Java values, and turns toml4j's syntax errors into
 * problems that name the line and the key but never echo the value (it may be a password).
 *
 * <p>Values: {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code java.time.Instant},
 * {@code List<Object>} and {@code Map<String, Object>} (sorted by key) for tables.
 */
final class TomlText {

    private static final Pattern TOML4J_ERROR = Pattern.compile(
            "^([A-Za-z][A-Za-z0-9 _.\\-]*?) on line (\\d+)(?:[.:].*)?$");
    private static final Pattern HEADER = Pattern.compile("^\\s*\\[\\[?\\s*([^\\[\\]]+?)\\s*]]?\\s*(?:#.*)?$");
    private static final Pattern KEY = Pattern.compile("^\\s*(\"[^\"]*\"|[A-Za-z0-9_-]+)\\s*=(.*)$");
    private static final Pattern NUMBER_TOO_LARGE = Pattern.compile("For input string: \"([0-9+\\-_]+)\"");

    private TomlText() {
    }

    /** The document's top-level tables and values, or empty when it has syntax errors (recorded). */
    static Optional<Map<String, Object>> parse(String text, Problems problems) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> lines = body.lines().toList();
        int before = problems.count();
        reportMissingValues(lines, problems);
        reportDeepNesting(body, lines, problems);
        if (problems.count() > before) {
            return Optional.empty();
        }
        try {
            return Optional.of(normalizeTable(new Toml().read(body).toMap()));
        } catch (StackOverflowError e) {
            // TomlNesting keeps values shallow; this is the last guard for any other recursion in toml4j
            problems.addForFile("is nested too deeply to be read (TOML syntax)");
        } catch (IllegalStateException e) {
            reportSyntaxErrors(String.valueOf(e.getMessage()), lines, problems);
        } catch (NumberFormatException e) {
            reportNumberTooLarge(String.valueOf(e.getMessage()), lines, problems);
        }
        return Optional.empty();
    }

    /** toml4j silently drops {@code key =} with no value; TOML forbids it. */
    private static void reportMissingValues(List<String> lines, Problems problems) {
        boolean inMultiLineString = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!inMultiLineString) {
                Matcher m = KEY.matcher(line);
                if (m.matches() && (m.group(2).isBlank() || m.group(2).trim().startsWith("#"))) {
                    String sentence = "line " + (i + 1) + ": a value is missing after '='";
                    problems.add(keyAt(lines, i + 1).orElseThrow(), sentence);
                }
            }
            if (countOf(line, "\"\"\"") % 2 == 1 || countOf(line, "'''") % 2 == 1) {
                inMultiLineString = !inMultiLineString;
            }
        }
    }

    /** toml4j overflows the stack on values nested thousands deep. */
    private static void reportDeepNesting(String body, List<String> lines, Problems problems) {
        TomlNesting.tooDeep(body).ifPresent(line -> {
            String sentence = "line " + line + ": arrays or inline tables are nested more than "
                    + TomlNesting.MAX_DEPTH + " deep (TOML syntax)";
            keyAt(lines, line).ifPresentOrElse(k -> problems.add(k, sentence), () -> problems.addForFile(sentence));
        });
    }

    private static void reportSyntaxErrors(String message, List<String> lines, Problems problems) {
        List<SyntaxError> errors = new ArrayList<>();
        for (String messageLine : message.split("\n")) {
            Matcher m = TOML4J_ERROR.matcher(messageLine.trim());
            if (m.matches()) {
                int line = Integer.parseInt(m.group(2));
                errors.add(new SyntaxError(line, keyAt(lines, line), m.group(1).trim()));
            }
        }
        if (errors.isEmpty()) {
            problems.addForFile("is not valid TOML");
            return;
        }
        // an unclosed string or array swallows the lines after it: errors found there are echoes
        int lastTrustworthyLine = errors.stream().filter(e -> e.description().equals("Unterminated value"))
                .mapToInt(SyntaxError::line).min().orElse(Integer.MAX_VALUE);
        Set<String> seen = new LinkedHashSet<>();
        errors.stream()
                .filter(e -> e.line() <= lastTrustworthyLine)
                .sorted(Comparator.comparingInt(SyntaxError::line))
                .forEach(e -> {
                    String sentence = "line " + e.line() + ": " + explain(e.description()) + " (TOML syntax)";
                    if (seen.add(e.key().orElse("") + " " + sentence)) {
                        e.key().ifPresentOrElse(k -> problems.add(k, sentence), () -> problems.addForFile(sentence));
                    }
                });
    }

    private record SyntaxError(int line, Optional<String> key, String description) {
    }

    private static void reportNumberTooLarge(String message, List<String> lines, Problems problems) {
        Matcher m = NUMBER_TOO_LARGE.matcher(message);
        String number = m.find() ? m.group(1) : null;
        for (int i = 0; number != null && i < lines.size(); i++) {
            Matcher key = KEY.matcher(lines.get(i));
            if (key.matches() && key.group(2).contains(number)) {
                problems.add(keyAt(lines, i + 1).orElseThrow(),
                        "line " + (i + 1) + ": the integer is too large (the limit is 9223372036854775807)");
                return;
            }
        }
        problems.addForFile("an integer is too large (the limit is 9223372036854775807)");
    }

    private static String explain(String toml4jDescription) {
        String d = toml4jDescription.trim();
        if (d.equals("Invalid value")) {
            return "invalid value (check quotes, brackets, commas and the spelling of true/false)";
        }
        if (d.equals("Unterminated value")) {
            return "a quote or bracket is not closed";
        }
        if (d.equals("Duplicate key")) {
            return "the key is set twice";
        }
        if (d.equals("Duplicate table definition")) {
            return "the table is defined twice";
        }
        if (d.equals("Invalid key")) {
            return "invalid key or table header";
        }
        if (d.equals("Key is not followed by an equals sign")) {
            return "a key must be followed by '=' and a value";
        }
        if (d.startsWith("Invalid text after key")) {
            return "the value is not closed or is followed by other text (check the quotes; comments start with #)";
        }
        if (d.endsWith("becomes a heterogeneous array")) {
            return "an array must hold values of one type";
        }
        // anything else is not repeated: toml4j's text may quote the file's content
        return "the line is not valid TOML";
    }

    /** {@code section.key} of the key set on a 1-based line, if the line sets one. */
    private static Optional<String> keyAt(List<String> lines, int lineNumber) {
        if (lineNumber < 1 || lineNumber > lines.size()) {
            return Optional.empty();
        }
        Matcher key = KEY.matcher(lines.get(lineNumber - 1));
        if (!key.matches()) {
            return Optional.empty();
        }
        for (int i = lineNumber - 2; i >= 0; i--) {
            Matcher header = HEADER.matcher(lines.get(i));
            if (header.matches()) {
                return Optional.of(header.group(1).replace(" ", "") + "." + unquote(key.group(1)));
            }
        }
        return Optional.of(unquote(key.group(1)));
    }

    private static Map<String, Object> normalizeTable(Map<?, ?> table) {
        Map<String, Object> result = new TreeMap<>();
        table.forEach((key, value) -> result.put(unquote(String.valueOf(key)), normalize(value)));
        return Collections.unmodifiableMap(result);
    }

    private static Object normalize(Object value) {
        return switch (value) {
            case Map<?, ?> map -> normalizeTable(map);
            case List<?> list -> {
                List<Object> items = new ArrayList<>();
                list.forEach(item -> items.add(normalize(item)));
                yield Collections.unmodifiableList(items);
            }
            case Date date -> date.toInstant();
            case Integer i -> i.longValue();
            default -> value;
        };
    }

    /** toml4j keeps the quotes of quoted keys ({@code "a.b"}). */
    private static String unquote(String key) {
        return key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1)
                : key;
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }
}
