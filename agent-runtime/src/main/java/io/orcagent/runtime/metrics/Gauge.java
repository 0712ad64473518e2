package io.orcagent.runtime.metrics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A gauge family: per-series values that are set or moved up and down. Each series is one map entry
 * replaced atomically ({@link ConcurrentHashMap#put}, {@link ConcurrentHashMap#merge}), so a render sees
 * either the value before a write or the one after it, never a step in between.
 */
final class Gauge implements Family {

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<Labels, Double> values = new ConcurrentHashMap<>();

    Gauge(String name, String help, String... labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.of(labelNames);
    }

    void add(Labels labels, double amount) {
        values.merge(labels, amount, Double::sum);
    }

    void set(Labels labels, double value) {
        values.put(labels, value);
    }

    @Override
    public void write(StringBuilder out) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        Map<String, Double> sorted = new TreeMap<>();
        values.forEach((labels, value) -> sorted.put(labels.render(labelNames), value));
        sorted.forEach((labels, value) -> out.append(name).append(labels).append(' ').append(Numbers.format(value))
                .append('\n'));
    }
}
