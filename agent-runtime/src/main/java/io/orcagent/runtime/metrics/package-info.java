/**
 * Prometheus metrics in the text exposition format, written by hand (no metrics library on the class
 * path): HTTP requests by route and status, seed stage durations, seed outcomes, streaming progress and
 * plugin load failures.
 */
package io.orcagent.runtime.metrics;
