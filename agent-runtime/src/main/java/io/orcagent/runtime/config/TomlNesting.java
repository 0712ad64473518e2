package io.orcagent.runtime.config;

import java.util.OptionalInt;

/**
 * Finds arrays and inline tables nested deeper than any configuration needs, before toml4j sees them:
 * its parser recurses once per level and overflows the stack on a value nested a few thousand deep.
 * Brackets and braces inside strings and comments do not count.
 */
final class TomlNesting {

    /** The deepest nesting accepted; the agent's own keys need at most 2 (an array of arrays). */
    static final int MAX_DEPTH = 32;

    private TomlNesting() {
    }

    /**
     * The line where the first value nested deeper than {@link #MAX_DEPTH} starts.
     *
     * @param text TOML text
     * @return the 1-based line, or empty when no value is nested that deep
     */
    static OptionalInt tooDeep(String text) {
        int depth = 0;
        int line = 1;
        int valueLine = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end = switch (c) {
                case '\n' -> i + 1;
                case '#' -> endOfComment(text, i);
                case '"' -> text.startsWith("\"\"\"", i) ? endOf(text, i + 3, "\"\"\"", true) : endOf(text, i + 1, "\"", true);
                case '\'' -> text.startsWith("'''", i) ? endOf(text, i + 3, "'''", false) : endOf(text, i + 1, "'", false);
                default -> i + 1;
            };
            if (c == '[' || c == '{') {
                if (depth == 0) {
                    valueLine = line;
                }
                if (++depth > MAX_DEPTH) {
                    return OptionalInt.of(valueLine);
                }
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            }
            line += newlines(text, i, end);
            i = end;
        }
        return OptionalInt.empty();
    }

    private static int endOfComment(String text, int from) {
        int newline = text.indexOf('\n', from);
        return newline < 0 ? text.length() : newline;
    }

    /** The index just after the string that starts before {@code from} (the end of the text if unclosed). */
    private static int endOf(String text, int from, String close, boolean escapes) {
        int i = from;
        while (i < text.length()) {
            if (escapes && text.charAt(i) == '\\') {
                i += 2;
            } else if (text.startsWith(close, i)) {
                return i + close.length();
            } else {
                i++;
            }
        }
        return text.length();
    }

    private static int newlines(String text, int from, int to) {
        int count = 0;
        for (int i = from; i < Math.min(to, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
