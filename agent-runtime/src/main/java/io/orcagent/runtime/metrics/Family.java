package io.orcagent.runtime.metrics;

/**
 * A metric family that renders itself in the Prometheus text format.
 */
interface Family {

    /**
     * Appends HELP, TYPE and every series.
     *
     * @param out the output
     */
    void write(StringBuilder out);
}
