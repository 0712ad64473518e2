package io.orcagent.runtime.plugins;

/**
 * A reload was refused because plugin code was still running (a seed stage, a synchronous call) when
 * the host's wait ran out; nothing was unloaded. The message names the calls and is meant for operators.
 */
public final class PluginsBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what still runs
     */
    public PluginsBusyException(String message) {
        super(message);
    }
}
