package io.orcagent.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class PluginInvokerTest {

    private final URLClassLoader pluginLoader = new URLClassLoader("plugin", new URL[0], null);
    private final PluginInvoker invoker = new PluginInvoker("demo", pluginLoader);

    @AfterEach
    void close() throws Exception {
        pluginLoader.close();
        Thread.interrupted();
    }

    @Test
    void callReturnsThePluginsResultInsideItsLoaderAndMdc() {
        String seen = invoker.call("look", () -> MDC.get("plugin") + " "
                + (Thread.currentThread().getContextClassLoader() == pluginLoader));

        assertThat(seen).isEqualTo("demo true");
    }

    @Test
    void callRestoresTheCallersLoaderAndMdcAfterAFailure() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        MDC.put("plugin", "outer");
        try {
            assertThatThrownBy(() -> invoker.run("fail", () -> {
                throw new IllegalStateException("no");
            })).isInstanceOf(PluginCallException.class);

            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
            assertThat(MDC.get("plugin")).isEqualTo("outer");
        } finally {
            MDC.remove("plugin");
        }
    }

    @Test
    void checkedExceptionBecomesPluginCallExceptionNamingPluginAndOperation() {
        assertThatThrownBy(() -> invoker.run("seed method X backup", () -> {
            throw new java.io.IOException("disk full");
        }))
                .isInstanceOf(PluginCallException.class)
                .hasMessage("plugin demo: seed method X backup failed: disk full")
                .hasCauseInstanceOf(java.io.IOException.class)
                .satisfies(e -> {
                    PluginCallException failure = (PluginCallException) e;
                    assertThat(failure.pluginId()).isEqualTo("demo");
                    assertThat(failure.operation()).isEqualTo("seed method X backup");
                    assertThat(failure.failure()).isEqualTo("seed method X backup failed: disk full");
                });
    }

    @Test
    void linkageErrorBecomesPluginCallExceptionWithItsType() {
        assertThatThrownBy(() -> invoker.run("create", () -> {
            throw new NoClassDefFoundError("com/example/Gone");
        }))
                .isInstanceOf(PluginCallException.class)
                .hasMessage("plugin demo: create failed: NoClassDefFoundError: com/example/Gone");
    }

    @Test
    void virtualMachineErrorIsNeverCaught() {
        OutOfMemoryError oom = new OutOfMemoryError("simulated");

        assertThatThrownBy(() -> invoker.run("allocate", () -> {
            throw oom;
        })).isSameAs(oom);
    }

    @Test
    void interruptedPluginKeepsTheThreadsInterruptFlag() {
        assertThatThrownBy(() -> invoker.run("wait", () -> {
            throw new InterruptedException("stop");
        })).isInstanceOf(PluginCallException.class);

        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }
}
