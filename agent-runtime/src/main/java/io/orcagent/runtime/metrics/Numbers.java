package io.orcagent.runtime.metrics;

/**
 * Number rendering for the exposition format.
 */
final class Numbers {

    private Numbers() {
    }

    static String format(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
