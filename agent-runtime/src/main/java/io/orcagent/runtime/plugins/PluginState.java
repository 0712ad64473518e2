package io.orcagent.runtime.plugins;

/**
 * What became of a plugin at the last load.
 */
public enum PluginState {
    /** Loaded; its contributions are in effect (a seed method may still be unavailable on this host). */
    STARTED,
    /** Loaded, but it offers only seed methods and the config file enables none of them. */
    DISABLED,
    /** Not usable: it failed to load, to be discovered, or to create its contributions; see the error. */
    FAILED,
    /** Not usable: its config section is invalid (unknown key, wrong type, bad value); see the error. */
    MISCONFIGURED
}
