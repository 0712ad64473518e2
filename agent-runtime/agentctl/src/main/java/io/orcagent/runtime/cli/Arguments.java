package io.orcagent.runtime.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --name value} options, {@code --flag} switches and positional arguments.
 */
final class Arguments {

    private final Map<String, String> options = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positional = new ArrayList<>();

    Arguments(List<String> args, Set<String> knownFlags, Set<String> knownOptions) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (knownFlags.contains(a)) {
                flags.add(a);
            } else if (knownOptions.contains(a)) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                options.put(a, args.get(++i));
            } else if (a.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + a);
            } else {
                positional.add(a);
            }
        }
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    String required(String name) {
        return option(name).orElseThrow(() -> new IllegalArgumentException(name + " is required"));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    List<String> positional() {
        return List.copyOf(positional);
    }
}
