package io.orcagent.plugins.seedsupport.testing;

import io.orcagent.api.ProgressSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Remembers every progress report, for assertions.
 */
public final class RecordingProgressSink implements ProgressSink {

    private final List<String> steps = new CopyOnWriteArrayList<>();
    private final List<Report> reports = new CopyOnWriteArrayList<>();

    @Override
    public void step(String text) {
        steps.add(text);
    }

    @Override
    public void bytes(long done, long total) {
        reports.add(new Report(done, total));
    }

    /**
     * The step texts so far.
     *
     * @return steps in order
     */
    public List<String> steps() {
        return List.copyOf(steps);
    }

    /**
     * The byte reports so far.
     *
     * @return reports in order
     */
    public List<Report> reports() {
        return List.copyOf(reports);
    }

    /**
     * One byte report.
     *
     * @param done bytes done
     * @param total expected total, negative when unknown
     */
    public record Report(long done, long total) {
    }
}
