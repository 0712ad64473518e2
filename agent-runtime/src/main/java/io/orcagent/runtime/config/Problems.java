package io.orcagent.runtime.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one file so they are reported together. */
final class Problems {

    private final Path file;
    private final List<String> lines = new ArrayList<>();

    Problems(Path file) {
        this.file = file;
    }

    void add(String key, String sentence) {
        lines.add(ConfigException.problem(file, key, sentence));
    }

    void addForFile(String sentence) {
        lines.add(file + ": " + sentence);
    }

    int count() {
        return lines.size();
    }

    void throwIfAny() throws ConfigException {
        if (!lines.isEmpty()) {
            throw new ConfigException(file, lines);
        }
    }
}
