package io.orcagent.runtime.metrics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A counter family: per-series counts that only go up (never set or reset, so a render reads a count
 * that some moment had).
 */
final class Counter implements Family {

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<Labels, LongAdder> values = new ConcurrentHashMap<>();

    Counter(String name, String help, String... labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.of(labelNames);
    }

    void inc(Labels labels) {
        values.computeIfAbsent(labels, l -> new LongAdder()).increment();
    }

    @Override
    public void write(StringBuilder out) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        Map<String, Long> sorted = new TreeMap<>();
        values.forEach((labels, value) -> sorted.put(labels.render(labelNames), value.sum()));
        sorted.forEach((labels, value) -> out.append(name).append(labels).append(' ').append(value).append('\n'));
    }
}
