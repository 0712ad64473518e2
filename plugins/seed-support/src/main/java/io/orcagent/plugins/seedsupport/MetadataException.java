package io.orcagent.plugins.seedsupport;

/**
 * Backup metadata (binlog coordinates written by a dump or backup tool) is missing or malformed.
 */
public final class MetadataException extends Exception {

    /**
     * Creates the exception.
     *
     * @param message what is wrong and in which source, e.g. "xtrabackup_binlog_info: first line has no TAB"
     */
    public MetadataException(String message) {
        super(message);
    }
}
