package io.orcagent.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orcagent.api.BinlogCoordinates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reload safety lives in the plugin host: a synchronous plugin call in flight (the fixture's metadata,
 * as get-metadata makes it, blocked on a latch the test holds) makes a reload wait or refuse.
 */
class PluginReloadSafetyTest {

    @TempDir
    Path temp;

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private Path marker;
    private PluginHost host;

    @BeforeEach
    void gate() {
        marker = temp.resolve("lifecycle.marker");
        System.setProperty("lifecycle.marker", marker.toString());
        System.getProperties().put("lifecycle.entered", entered);
        System.getProperties().put("lifecycle.release", release);
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        release.countDown();
        if (host != null) {
            host.close();
        }
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        System.clearProperty("lifecycle.marker");
        System.getProperties().remove("lifecycle.entered");
        System.getProperties().remove("lifecycle.release");
        System.getProperties().remove("lifecycle.loader");
    }

    private PluginHost started(Duration reloadWait) {
        TestPlugins.fixture("lifecycle").into(temp.resolve("plugins"));
        host = new PluginHost(temp.resolve("plugins"), TestingPluginContext.factory(Map.of()), reloadWait);
        assertThat(host.start().seedMethods()).containsOnlyKeys("Lifecycle");
        return host;
    }

    /** Starts get-metadata's call on another thread and returns once the plugin is inside it. */
    private Future<BinlogCoordinates> metadataInFlight(PluginHost h) throws InterruptedException {
        InvokedSeedMethod method = h.snapshot().seedMethod("Lifecycle").orElseThrow();
        Future<BinlogCoordinates> call = threads.submit(() -> method.metadata(null));
        assertThat(entered.await(10, TimeUnit.SECONDS)).as("the plugin call started").isTrue();
        return call;
    }

    @Test
    void aReloadWhileASynchronousCallRunsIsRefusedAndChangesNothing() throws Exception {
        PluginHost h = started(Duration.ofMillis(200));
        PluginSnapshot before = h.snapshot();
        Future<BinlogCoordinates> call = metadataInFlight(h);

        assertThatThrownBy(h::reload).isInstanceOf(PluginsBusyException.class)
                .hasMessage("Refusing to reload plugins: 1 plugin call still running after 200ms: seed method"
                        + " Lifecycle metadata (plugin lifecycle)");

        assertThat(h.snapshot()).isSameAs(before);
        assertThat(marker).as("no close hook ran").doesNotExist();
        release.countDown();
        assertThat(call.get(10, TimeUnit.SECONDS).logFile()).isEqualTo("mysql-bin.000001");
        // the gate is open again: calls go on, and a reload with nothing in flight goes through
        assertThat(h.snapshot().seedMethod("Lifecycle").orElseThrow().probe().available()).isTrue();
        assertThat(h.reload().seedMethods()).containsOnlyKeys("Lifecycle");
        assertThat(Files.readAllLines(marker)).contains("seed method closed");
    }

    @Test
    void aReloadWaitsForTheCallToEndThenUnloadsAndLaterCallsIntoTheOldPluginAreRefused() throws Exception {
        PluginHost h = started(Duration.ofSeconds(30));
        InvokedSeedMethod old = h.snapshot().seedMethod("Lifecycle").orElseThrow();
        Future<BinlogCoordinates> call = metadataInFlight(h);

        Future<PluginSnapshot> reload = threads.submit(h::reload);
        awaitDraining(h);
        assertThat(reload).isNotDone();
        assertThat(marker).as("nothing closed while the call runs").doesNotExist();

        release.countDown();

        assertThat(call.get(10, TimeUnit.SECONDS).logFile()).isEqualTo("mysql-bin.000001");
        assertThat(reload.get(10, TimeUnit.SECONDS).seedMethods()).containsOnlyKeys("Lifecycle");
        assertThat(Files.readAllLines(marker)).containsExactly("seed method closed",
                "plugin closed, loader open true, context loader ours true");
        assertThatThrownBy(old::probe).isInstanceOf(PluginCallException.class)
                .hasMessageContaining("was unloaded by a plugin reload");
    }

    /** The reload thread has closed the gate and waits for the call in flight. */
    private static void awaitDraining(PluginHost h) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!h.draining()) {
            assertThat(System.nanoTime()).as("the reload started waiting").isLessThan(deadline);
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
