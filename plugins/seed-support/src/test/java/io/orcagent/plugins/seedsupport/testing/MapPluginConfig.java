package io.orcagent.plugins.seedsupport.testing;

import io.orcagent.api.ConfigException;
import io.orcagent.api.PluginConfig;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A plugin config section held in a map (values as a TOML parser yields them: String, Boolean, Long,
 * List of String), recording which keys were read so a test can check none is left unknown.
 */
public final class MapPluginConfig implements PluginConfig {

    private final String section;
    private final Map<String, Object> values;
    private final Set<String> read = ConcurrentHashMap.newKeySet();

    /**
     * Creates the section.
     *
     * @param section its name
     * @param values its keys and values
     */
    public MapPluginConfig(String section, Map<String, Object> values) {
        this.section = section;
        this.values = new LinkedHashMap<>(values);
    }

    @Override
    public String section() {
        return section;
    }

    @Override
    public Set<String> keys() {
        return Set.copyOf(values.keySet());
    }

    @Override
    public String string(String key, String defaultValue) throws ConfigException {
        return typed(key, String.class, defaultValue, "must be a string");
    }

    @Override
    public boolean bool(String key, boolean defaultValue) throws ConfigException {
        return typed(key, Boolean.class, defaultValue, "must be true or false");
    }

    @Override
    public long integer(String key, long defaultValue) throws ConfigException {
        return typed(key, Long.class, defaultValue, "must be an integer");
    }

    @Override
    public List<String> strings(String key, List<String> defaultValue) throws ConfigException {
        read.add(key);
        Object value = values.get(key);
        if (value == null) {
            return List.copyOf(defaultValue);
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new ConfigException(key, "must be a list of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    @Override
    public void accept(String... keys) {
        read.addAll(List.of(keys));
    }

    /**
     * Keys present but never read or accepted.
     *
     * @return unknown keys
     */
    public Set<String> unknownKeys() {
        Set<String> unknown = new HashSet<>(values.keySet());
        unknown.removeAll(read);
        return unknown;
    }

    private <T> T typed(String key, Class<T> type, T defaultValue, String message) throws ConfigException {
        read.add(key);
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!type.isInstance(value)) {
            throw new ConfigException(key, message);
        }
        return type.cast(value);
    }
}
