package io.orcagent.runtime.metrics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A histogram family with fixed buckets.
 */
final class Histogram implements Family {

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final double[] bounds;
    private final Map<Labels, Series> series = new ConcurrentHashMap<>();

    Histogram(String name, String help, double[] bounds, String... labelNames) {
        this.name = name;
        this.help = help;
        this.bounds = bounds.clone();
        this.labelNames = List.of(labelNames);
    }

    void observe(Labels labels, double value) {
        series.computeIfAbsent(labels, l -> new Series(bounds.length)).observe(bounds, value);
    }

    @Override
    public void write(StringBuilder out) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" histogram\n");
        Map<String, Labels> sorted = new TreeMap<>();
        series.keySet().forEach(l -> sorted.put(l.render(labelNames), l));
        for (Labels labels : sorted.values()) {
            Series s = series.get(labels);
            long[] counts;
            double sum;
            long count;
            synchronized (s) {
                counts = s.counts.clone();
                sum = s.sum;
                count = s.count;
            }
            long cumulative = 0;
            for (int i = 0; i < bounds.length; i++) {
                cumulative += counts[i];
                out.append(name).append("_bucket").append(withLe(labels, Numbers.format(bounds[i]))).append(' ')
                        .append(cumulative).append('\n');
            }
            out.append(name).append("_bucket").append(withLe(labels, "+Inf")).append(' ').append(count).append('\n');
            out.append(name).append("_sum").append(labels.render(labelNames)).append(' ').append(Numbers.format(sum))
                    .append('\n');
            out.append(name).append("_count").append(labels.render(labelNames)).append(' ').append(count).append('\n');
        }
    }

    private String withLe(Labels labels, String le) {
        List<String> names = new java.util.ArrayList<>(labelNames);
        names.add("le");
        List<String> values = new java.util.ArrayList<>(labels.values());
        values.add(le);
        return new Labels(values).render(names);
    }

    private static final class Series {
        private final long[] counts;
        private double sum;
        private long count;

        Series(int buckets) {
            counts = new long[buckets];
        }

        synchronized void observe(double[] bounds, double value) {
            for (int i = 0; i < bounds.length; i++) {
                if (value <= bounds[i]) {
                    counts[i]++;
                    break;
                }
            }
            sum += value;
            count++;
        }
    }
}
