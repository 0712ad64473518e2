package io.orcagent.runtime.config;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Binds the {@code [custom-commands.<name>]} tables. */
final class CustomCommandsSection {

    static final String NAME = "custom-commands";
    /** The placeholder used for the command name in {@link ConfigLoader#knownKeys()}. */
    static final String ANY_NAME = "<name>";
    private static final Pattern COMMAND_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private CustomCommandsSection() {
    }

    static Optional<SortedMap<String, String>> bind(Map<String, Object> section, Problems problems) {
        int before = problems.count();
        SortedMap<String, String> commands = new TreeMap<>();
        for (Map.Entry<String, Object> entry : new TreeMap<>(section).entrySet()) {
            String name = entry.getKey();
            String key = NAME + "." + name;
            if (!(entry.getValue() instanceof Map<?, ?> table)) {
                problems.add(key, "must be a table holding cmd, e.g. [" + key + "] followed by cmd = \"...\"");
                continue;
            }
            if (!COMMAND_NAME.matcher(name).matches()) {
                problems.add(key, "is not a valid command name: use 1 to 64 letters, digits, '.', '_' or '-'");
                continue;
            }
            @SuppressWarnings("unchecked")
            SectionReader r = new SectionReader(key, (Map<String, Object>) table, problems);
            String cmd = r.nonEmptyString("cmd", null, "\"/usr/local/bin/" + name + "\"");
            r.reportUnknownKeys();
            commands.put(name, cmd);
        }
        return problems.count() == before ? Optional.of(commands) : Optional.empty();
    }
}
