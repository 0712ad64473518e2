package io.orcagent.runtime.plugins;

import java.util.Objects;
import java.util.ServiceConfigurationError;
import org.slf4j.MDC;

/**
 * The one way the runtime calls plugin code. Around every call it sets the thread context class loader
 * to the plugin's loader (libraries inside a plugin that use the TCCL then find the plugin's classes)
 * and puts {@code plugin=<id>} in the MDC; it turns an exception or {@link LinkageError} thrown by the
 * plugin into a {@link PluginCallException} naming the plugin and the operation. A
 * {@link VirtualMachineError} is never caught.
 *
 * <p>Every call is counted in flight in the load's {@link PluginCallGate}, which is how the host knows
 * when no plugin code runs: a reload waits for the count to drop (and new calls wait for the reload), and
 * calls into a load that was unloaded are refused.
 */
public final class PluginInvoker {

    /** MDC key carrying the plugin id during a call. */
    public static final String MDC_KEY = "plugin";

    private final String pluginId;
    private final ClassLoader pluginLoader;
    private final PluginCallGate gate;

    /**
     * Creates an invoker for one plugin whose calls no host drains (tests).
     *
     * @param pluginId the plugin id
     * @param pluginLoader the plugin's class loader
     */
    public PluginInvoker(String pluginId, ClassLoader pluginLoader) {
        this(pluginId, pluginLoader, new PluginCallGate());
    }

    PluginInvoker(String pluginId, ClassLoader pluginLoader, PluginCallGate gate) {
        this.pluginId = Objects.requireNonNull(pluginId, "pluginId is null");
        this.pluginLoader = Objects.requireNonNull(pluginLoader, "pluginLoader is null");
        this.gate = Objects.requireNonNull(gate, "gate is null");
    }

    /**
     * The plugin this invoker calls.
     *
     * @return the plugin id
     */
    public String pluginId() {
        return pluginId;
    }

    /**
     * Calls plugin code that returns a value.
     *
     * @param operation what is called, for messages
     * @param call the call
     * @param <T> the result type
     * @return what the plugin returned
     * @throws PluginCallException when the plugin throws
     */
    public <T> T call(String operation, PluginCall<T> call) {
        long ticket = gate.enter(pluginId, operation);
        try {
            return callAdmitted(operation, call);
        } finally {
            gate.exit(ticket);
        }
    }

    private <T> T callAdmitted(String operation, PluginCall<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previousLoader = thread.getContextClassLoader();
        String previousPlugin = MDC.get(MDC_KEY);
        thread.setContextClassLoader(pluginLoader);
        MDC.put(MDC_KEY, pluginId);
        try {
            return call.call();
        } catch (InterruptedException e) {
            // keep the interrupt visible to the runtime code above us
            thread.interrupt();
            throw new PluginCallException(pluginId, operation, e);
        } catch (Exception | LinkageError | ServiceConfigurationError e) {
            throw new PluginCallException(pluginId, operation, e);
        } finally {
            thread.setContextClassLoader(previousLoader);
            if (previousPlugin == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previousPlugin);
            }
        }
    }

    /**
     * Calls plugin code that returns nothing.
     *
     * @param operation what is called, for messages
     * @param action the call
     * @throws PluginCallException when the plugin throws
     */
    public void run(String operation, PluginAction action) {
        call(operation, () -> {
            action.run();
            return null;
        });
    }

    @Override
    public String toString() {
        return "PluginInvoker[" + pluginId + "]";
    }

    /**
     * Plugin code returning a value.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    public interface PluginCall<T> {
        /**
         * Runs the plugin code.
         *
         * @return the result
         * @throws Exception whatever the plugin throws
         */
        T call() throws Exception;
    }

    /**
     * Plugin code returning nothing.
     */
    @FunctionalInterface
    public interface PluginAction {
        /**
         * Runs the plugin code.
         *
         * @throws Exception whatever the plugin throws
         */
        void run() throws Exception;
    }
}
