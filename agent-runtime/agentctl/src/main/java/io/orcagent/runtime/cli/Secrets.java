package io.orcagent.runtime.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads secrets for agentctl from files or environment variables — never from the command line, where
 * every user of the host could read them in {@code ps}.
 */
final class Secrets {

    private final Map<String, String> env;

    Secrets(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /**
     * A secret from a file (first line, trimmed) if given, else from an environment variable.
     *
     * @param file the file flag's value, if given
     * @param variable the environment variable
     * @param what what it is, for the error message
     * @return the secret
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when neither is available
     */
    String read(Optional<String> file, String variable, String what) throws IOException {
        if (file.isPresent()) {
            String text = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new IllegalArgumentException(what + " file " + file.get() + " is empty");
            }
            return text.lines().findFirst().orElse("").strip();
        }
        String value = env.get(variable);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("no " + what + ": pass a file with the matching --*-file option or set "
                    + variable);
        }
        return value;
    }
}
