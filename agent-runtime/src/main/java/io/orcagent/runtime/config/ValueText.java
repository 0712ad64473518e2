package io.orcagent.runtime.config;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a config value for an error message, the way it would be written in TOML, shortened. */
final class ValueText {

    private static final int MAX_LENGTH = 60;

    private ValueText() {
    }

    static String describe(Object value) {
        String text = switch (value) {
            case String s -> quote(s);
            case List<?> list -> list.stream().map(ValueText::describe).collect(Collectors.joining(", ", "[", "]"));
            case Map<?, ?> map -> "a table";
            default -> String.valueOf(value);
        };
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 3) + "...";
    }

    /** Describes a value without showing it (for secrets). */
    static String kind(Object value) {
        return switch (value) {
            case String s -> "a string";
            case Boolean b -> "a boolean";
            case Long l -> "an integer";
            case Double d -> "a float";
            case List<?> l -> "an array";
            case Map<?, ?> m -> "a table";
            default -> "a date";
        };
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + '"';
    }
}
