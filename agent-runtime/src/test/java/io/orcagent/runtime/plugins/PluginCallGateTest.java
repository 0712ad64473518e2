package io.orcagent.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PluginCallGateTest {

    private final PluginCallGate gate = new PluginCallGate();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aCallNestedInACallInFlightIsLetInWhileTheGateDrains() throws Exception {
        CountDownLatch outerIn = new CountDownLatch(1);
        CountDownLatch goNested = new CountDownLatch(1);
        Future<?> stage = threads.submit(() -> {
            long outer = gate.enter("seeder", "seed method X backup");
            outerIn.countDown();
            goNested.await();
            // the stage starts a process through another plugin's executor: waiting here would deadlock
            long nested = gate.enter("broker", "command executor broker start");
            gate.exit(nested);
            gate.exit(outer);
            return null;
        });
        assertThat(outerIn.await(10, TimeUnit.SECONDS)).isTrue();
        Future<List<String>> drain = threads.submit(() -> gate.drain(Duration.ofSeconds(30)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!gate.draining()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.onSpinWait();
        }

        goNested.countDown();

        stage.get(10, TimeUnit.SECONDS);
        assertThat(drain.get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void aRetiredGateRefusesCallsAndAReopenedOneAdmitsThem() throws Exception {
        long t = gate.enter("p", "probe");
        assertThat(gate.inFlight()).containsExactly("probe (plugin p)");
        assertThat(gate.drain(Duration.ofMillis(1))).containsExactly("probe (plugin p)");
        gate.reopen();
        gate.exit(t);
        gate.exit(gate.enter("p", "probe"));

        assertThat(gate.drain(Duration.ofMillis(1))).isEmpty();
        gate.retire();

        Future<?> later = threads.submit(() -> gate.enter("p", "probe"));
        assertThatThrownBy(() -> later.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(PluginCallException.class)
                .hasMessageContaining("was unloaded by a plugin reload");
    }
}
