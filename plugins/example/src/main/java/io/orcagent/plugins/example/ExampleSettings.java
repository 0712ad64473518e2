package io.orcagent.plugins.example;

import io.orcagent.api.ConfigException;
import io.orcagent.api.PluginConfig;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code [example]} section, bound and checked once when the agent creates the method. Every key
 * read here is "known"; any other key in the section makes the agent report the plugin as failed.
 *
 * @param databases the databases to copy; empty means not configured (the probe then says so)
 * @param dumpCommand the dump program, looked up on PATH
 * @param clientCommand the client program used to load the dump, looked up on PATH
 * @param localHost the address of the local server for the restore
 */
record ExampleSettings(List<String> databases, String dumpCommand, String clientCommand, String localHost) {

    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_$]{1,64}");
    private static final Pattern PROGRAM = Pattern.compile("[A-Za-z0-9_./-]+");

    static ExampleSettings from(PluginConfig config) throws ConfigException {
        List<String> databases = config.strings("databases", List.of());
        for (String database : databases) {
            // names become separate arguments, never shell text; still refuse what cannot be a database
            if (!DATABASE.matcher(database).matches()) {
                throw new ConfigException("databases", "'" + database + "' is not a plain database name");
            }
        }
        return new ExampleSettings(databases,
                program(config, "dump-command", "mariadb-dump"),
                program(config, "client-command", "mariadb"),
                config.string("local-host", "127.0.0.1"));
    }

    private static String program(PluginConfig config, String key, String defaultValue) throws ConfigException {
        String value = config.string(key, defaultValue);
        if (!PROGRAM.matcher(value).matches()) {
            throw new ConfigException(key, "must be a program name or path, got '" + value + "'");
        }
        return value;
    }
}
