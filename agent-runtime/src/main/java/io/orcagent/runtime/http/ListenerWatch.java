package io.orcagent.runtime.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when the HTTP listener is gone. Helidon's listener thread ends for good when {@code accept} fails
 * (for instance with "Too many open files"): the port is closed while the rest of the agent keeps running and
 * pinging orchestrator, so a service manager never restarts it. The watch connects to the port now and then;
 * two refusals in a row mean the listener is gone. A connection that times out or cannot even be created (no
 * file descriptor left) proves nothing and is not counted.
 */
final class ListenerWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerWatch.class);
    private static final int REFUSALS_FOR_LOSS = 2;

    private final InetSocketAddress target;
    private final Duration interval;
    private final Consumer<String> onLoss;
    private final ScheduledExecutorService timer;
    private int refusals;
    private boolean reported;

    ListenerWatch(InetSocketAddress target, Duration interval, Consumer<String> onLoss) {
        this.target = target;
        this.interval = interval;
        this.onLoss = onLoss;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "http-listener-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::probe, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probe() {
        if (reported) {
            return;
        }
        try (Socket socket = new Socket()) {
            socket.connect(target, (int) Math.max(1000, interval.toMillis()));
            refusals = 0;
        } catch (ConnectException e) {
            refusals++;
            if (refusals >= REFUSALS_FOR_LOSS) {
                reported = true;
                String reason = "the HTTP listener on " + target.getPort() + " is gone (connections to "
                        + target + " are refused: " + e.getMessage() + ")";
                LOG.error(reason);
                onLoss.accept(reason);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("listener probe inconclusive: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
