package io.orcagent.api;

/**
 * Creates a {@link SeedMethod}. One factory per wire method name.
 */
public interface SeedMethodFactory {

    /**
     * The method name as it appears on the wire ({@code Mysqldump}, {@code Mydumper},
     * {@code Xtrabackup}, {@code LVM}, {@code ClonePlugin}, or a site-specific name). Case-sensitive;
     * must match {@code [A-Za-z][A-Za-z0-9_]{0,63}}.
     *
     * @return the wire name
     */
    String name();

    /**
     * Whether the method is offered when its config section does not say {@code enabled}.
     *
     * @return the default of the section's {@code enabled} key
     */
    default boolean enabledByDefault() {
        return false;
    }

    /**
     * Creates the method. Read and validate the whole config section here
     * ({@link PluginContext#config()}): keys not read by the time this returns are reported as unknown
     * and stop the agent's start.
     *
     * @param context the host services and the plugin's config section
     * @return the method
     * @throws ConfigException when the config section is invalid
     */
    SeedMethod create(PluginContext context) throws ConfigException;
}
