package io.orcagent.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.orcagent.api.Command;
import io.orcagent.api.CommandExecutor;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.SnapshotProvider;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.MDC;

/**
 * Every method of every SPI interface the runtime calls on plugin objects must go through the invoker
 * (Trino's TestClassLoaderSafeWrappers idea, made behavioural): a new interface method that the wrapper
 * forgets fails here.
 */
class InvokedWrappersTest {

    static Stream<Arguments> wrappers() {
        return Stream.of(
                Arguments.of(SeedMethod.class, InvokedSeedMethod.class,
                        (BiFunction<Object, PluginInvoker, Object>) (d, i) -> new InvokedSeedMethod("Fixture", (SeedMethod) d, i)),
                Arguments.of(SnapshotProvider.class, InvokedSnapshotProvider.class,
                        (BiFunction<Object, PluginInvoker, Object>) (d, i) -> new InvokedSnapshotProvider("fixture",
                                (SnapshotProvider) d, i)),
                Arguments.of(CommandExecutor.class, InvokedCommandExecutor.class,
                        (BiFunction<Object, PluginInvoker, Object>) (d, i) -> new InvokedCommandExecutor("fixture",
                                (CommandExecutor) d, i)));
    }

    @ParameterizedTest
    @MethodSource("wrappers")
    void wrapperImplementsEveryInterfaceMethodItself(Class<?> spi, Class<?> wrapper) {
        List<String> inherited = new ArrayList<>();
        for (Method method : spi.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            try {
                Method own = wrapper.getDeclaredMethod(method.getName(), method.getParameterTypes());
                assertThat(own.isBridge() || own.isSynthetic()).isFalse();
            } catch (NoSuchMethodException e) {
                inherited.add(method.toString());
            }
        }
        assertThat(inherited).as("methods of %s not routed through the invoker", spi.getSimpleName()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("wrappers")
    void everyInterfaceMethodRunsInThePluginsLoaderAndMdcAndReportsFailures(Class<?> spi, Class<?> wrapper,
            BiFunction<Object, PluginInvoker, Object> wrap) throws Exception {
        try (URLClassLoader pluginLoader = new URLClassLoader("fixture-plugin", new URL[0], null)) {
            List<String> seen = new ArrayList<>();
            InvocationHandler plugin = (proxy, method, args) -> {
                seen.add(method.getName() + " tccl=" + (Thread.currentThread().getContextClassLoader() == pluginLoader)
                        + " mdc=" + MDC.get(PluginInvoker.MDC_KEY));
                throw new IllegalStateException("plugin failure in " + method.getName());
            };
            Object delegate = Proxy.newProxyInstance(spi.getClassLoader(), new Class<?>[] {spi}, plugin);
            Object wrapped = wrap.apply(delegate, new PluginInvoker("fixture-plugin", pluginLoader));
            ClassLoader before = Thread.currentThread().getContextClassLoader();

            for (Method method : spi.getMethods()) {
                if (Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                Throwable thrown = catchThrowable(() -> invoke(wrapped, method));

                assertThat(thrown).as(method.getName()).isInstanceOf(PluginCallException.class)
                        .hasMessageContaining("plugin fixture-plugin: ")
                        .hasMessageContaining(" " + method.getName())
                        .hasMessageEndingWith("failed: plugin failure in " + method.getName());
                assertThat(seen).as(method.getName()).last()
                        .isEqualTo(method.getName() + " tccl=true mdc=fixture-plugin");
                assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
                assertThat(MDC.get(PluginInvoker.MDC_KEY)).isNull();
            }
            assertThat(seen).hasSize((int) Arrays.stream(spi.getMethods())
                    .filter(m -> !Modifier.isStatic(m.getModifiers())).count());
        }
    }

    private static void invoke(Object target, Method method) throws Throwable {
        Object[] args = Arrays.stream(method.getParameterTypes()).map(InvokedWrappersTest::sample).toArray();
        try {
            method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A harmless argument: the plugin side never looks at it. */
    private static Object sample(Class<?> type) {
        if (type == Command.class) {
            return Command.of("true");
        }
        if (type == String.class) {
            return "";
        }
        if (type.isPrimitive()) {
            throw new IllegalArgumentException("add a sample for " + type);
        }
        return null;
    }
}
