package io.orcagent.plugins.clone;

import io.orcagent.api.MysqlService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Service control for the recorded MySQL 8 of {@link RecordingMysql}: records the calls and answers
 * {@link #awaitReachable} as scripted (a server that comes back, or one that never does).
 */
final class RecordingMysqlService implements MysqlService {

    private final boolean comesBack;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    /**
     * Creates the service.
     *
     * @param comesBack what {@link #awaitReachable} answers
     */
    RecordingMysqlService(boolean comesBack) {
        this.comesBack = comesBack;
    }

    @Override
    public void start() {
        calls.add("start");
    }

    @Override
    public void stop() {
        calls.add("stop");
    }

    @Override
    public boolean running() {
        return comesBack;
    }

    @Override
    public boolean awaitReachable(Duration timeout) {
        calls.add("awaitReachable " + timeout);
        return comesBack;
    }

    /**
     * The calls, in order.
     *
     * @return e.g. {@code [stop, start]}
     */
    List<String> calls() {
        return List.copyOf(calls);
    }
}
