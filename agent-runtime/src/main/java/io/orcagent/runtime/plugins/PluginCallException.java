package io.orcagent.runtime.plugins;

import java.util.Objects;

/**
 * A call into plugin code failed: the plugin threw an exception or a {@link LinkageError}. Names the
 * plugin and the operation so the failure is attributable in logs, in stage errors and in HTTP answers.
 * The plugin's own throwable is the {@linkplain #getCause() cause}.
 */
public final class PluginCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String pluginId;
    private final String operation;

    /**
     * Creates the exception.
     *
     * @param pluginId the plugin whose code failed
     * @param operation what was called, e.g. {@code seed method Mysqldump backup}
     * @param cause what the plugin threw
     */
    public PluginCallException(String pluginId, String operation, Throwable cause) {
        super("plugin " + pluginId + ": " + operation + " failed: " + describe(cause),
                Objects.requireNonNull(cause, "cause is null"));
        this.pluginId = Objects.requireNonNull(pluginId, "pluginId is null");
        this.operation = Objects.requireNonNull(operation, "operation is null");
    }

    /**
     * The plugin whose code failed.
     *
     * @return the plugin id
     */
    public String pluginId() {
        return pluginId;
    }

    /**
     * What was called.
     *
     * @return the operation, e.g. {@code seed method Mysqldump backup}
     */
    public String operation() {
        return operation;
    }

    /**
     * The failure without the plugin id: {@code <operation> failed: <plugin's message>}.
     *
     * @return a one-line description
     */
    public String failure() {
        return operation + " failed: " + describe(getCause());
    }

    /**
     * A throwable's message, or its type when the message says nothing on its own (errors, null messages).
     *
     * @param failure the throwable
     * @return a one-line description
     */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getName();
        }
        if (failure instanceof Exception) {
            return message;
        }
        return failure.getClass().getSimpleName() + ": " + message;
    }
}
