package io.orcagent.runtime.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * A counter family (or a gauge family when {@code gauge} is set: values can be set).
 */
final class Counter implements Family {

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final boolean gauge;
    private final Map<Labels, DoubleAdder> values = new ConcurrentHashMap<>();

    Counter(String name, String help, boolean gauge, String... labelNames) {
        this.name = name;
        this.help = help;
        this.gauge = gauge;
        this.labelNames = List.of(labelNames);
    }

    void inc(Labels labels) {
        add(labels, 1);
    }

    void add(Labels labels, double amount) {
        values.computeIfAbsent(labels, l -> new DoubleAdder()).add(amount);
    }

    void set(Labels labels, double value) {
        DoubleAdder adder = values.computeIfAbsent(labels, l -> new DoubleAdder());
        synchronized (adder) {
            adder.reset();
            adder.add(value);
        }
    }

    void clear() {
        values.clear();
    }

    @Override
    public void write(StringBuilder out) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(gauge ? " gauge\n" : " counter\n");
        Map<String, Double> sorted = new ConcurrentSkipListMap<>();
        values.forEach((labels, value) -> sorted.put(labels.render(labelNames), value.sum()));
        sorted.forEach((labels, value) -> out.append(name).append(labels).append(' ').append(Numbers.format(value))
                .append('\n'));
    }
}
