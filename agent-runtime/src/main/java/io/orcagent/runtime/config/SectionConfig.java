package io.orcagent.runtime.config;

import io.orcagent.api.ConfigException;
import io.orcagent.api.PluginConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A plugin's section of the configuration file, handed to the plugin as its {@link PluginConfig}.
 * It remembers which keys the plugin read (or {@linkplain #accept accepted}) so the runtime can
 * report the rest as unknown through {@link #unreadKeys()}. The reserved key {@code enabled} belongs
 * to the runtime ({@link #enabled()}) and is invisible to the plugin.
 *
 * <p>{@link #toString()} shows key names only: a plugin's values may include secrets.
 */
public final class SectionConfig implements PluginConfig {

    /** The reserved key that switches a plugin's section on or off. */
    public static final String ENABLED = "enabled";

    private final String section;
    private final Map<String, Object> values;
    private final Set<String> read = ConcurrentHashMap.newKeySet();

    private SectionConfig(String section, Map<String, Object> values) {
        this.section = section;
        this.values = values;
    }

    /**
     * Wraps a section's values (plain Java types as produced by {@link ConfigLoader}: {@code String},
     * {@code Long}, {@code Double}, {@code Boolean}, {@code List}, {@code Map}).
     *
     * @param sectionName the table name, e.g. {@code mysqldump}
     * @param values the table's values, {@code enabled} included if present
     * @return the section
     */
    public static SectionConfig of(String sectionName, Map<String, Object> values) {
        Objects.requireNonNull(sectionName, "sectionName is null");
        return new SectionConfig(sectionName, Collections.unmodifiableMap(new TreeMap<>(values)));
    }

    /**
     * The reserved {@code enabled} key.
     *
     * @return its value, or empty when the section does not set it
     * @throws ConfigException when it is not a boolean
     */
    public Optional<Boolean> enabled() throws ConfigException {
        Object value = values.get(ENABLED);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        throw new ConfigException(ENABLED, "must be true or false (got " + ValueText.describe(value) + ")");
    }

    /**
     * Keys present in the section that were neither read through an accessor nor accepted.
     *
     * @return unread keys, sorted
     */
    public SortedSet<String> unreadKeys() {
        SortedSet<String> unread = new TreeSet<>(keys());
        unread.removeAll(read);
        return Collections.unmodifiableSortedSet(unread);
    }

    @Override
    public String section() {
        return section;
    }

    @Override
    public Set<String> keys() {
        SortedSet<String> keys = new TreeSet<>(values.keySet());
        keys.remove(ENABLED);
        return Collections.unmodifiableSortedSet(keys);
    }

    @Override
    public String string(String key, String defaultValue) throws ConfigException {
        Object value = value(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof String s) {
            return s;
        }
        throw new ConfigException(key, "must be a string (got " + ValueText.describe(value) + ")");
    }

    @Override
    public boolean bool(String key, boolean defaultValue) throws ConfigException {
        Object value = value(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new ConfigException(key, "must be true or false (got " + ValueText.describe(value) + ")");
    }

    @Override
    public long integer(String key, long defaultValue) throws ConfigException {
        Object value = value(key);
        return switch (value) {
            case null -> defaultValue;
            case Long l -> l;
            case Integer i -> i;
            case Short s -> s;
            case Byte b -> b;
            default -> throw new ConfigException(key, "must be an integer (got " + ValueText.describe(value) + ")");
        };
    }

    /**
     * {@inheritDoc}
     *
     * <p>Parsed by {@link GoDuration}, the parser of the runtime's own duration keys.
     */
    @Override
    public Duration duration(String key, Duration defaultValue) throws ConfigException {
        Object value = value(key);
        Duration duration;
        try {
            duration = switch (value) {
                case null -> defaultValue;
                case String s -> GoDuration.parse(s);
                case Long seconds -> Duration.ofSeconds(seconds);
                case Integer seconds -> Duration.ofSeconds(seconds);
                default -> throw new ConfigException(key, "must be a duration such as \"90s\", \"1h30m\" or \"1.5h\""
                        + " (got " + ValueText.describe(value) + ")");
            };
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
        if (duration != null && duration.isNegative()) {
            throw new ConfigException(key, "must not be negative (got " + ValueText.describe(value) + ")");
        }
        return duration;
    }

    @Override
    public List<String> strings(String key, List<String> defaultValue) throws ConfigException {
        Object value = value(key);
        if (value == null) {
            return defaultValue == null ? null : List.copyOf(defaultValue);
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            List<String> result = new ArrayList<>(list.size());
            list.forEach(item -> result.add((String) item));
            return List.copyOf(result);
        }
        throw new ConfigException(key, "must be an array of strings, e.g. [\"a\", \"b\"] (got "
                + ValueText.describe(value) + ")");
    }

    @Override
    public void accept(String... keys) {
        for (String key : keys) {
            read.add(Objects.requireNonNull(key, "key is null"));
        }
    }

    @Override
    public String toString() {
        return "SectionConfig[" + section + ", keys=" + keys() + "]";
    }

    /** The value of a plugin-visible key, marking it as read; {@code enabled} reads as absent. */
    private Object value(String key) {
        Objects.requireNonNull(key, "key is null");
        if (key.equals(ENABLED)) {
            return null;
        }
        read.add(key);
        return values.get(key);
    }
}
