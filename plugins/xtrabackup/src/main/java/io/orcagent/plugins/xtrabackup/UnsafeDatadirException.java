package io.orcagent.plugins.xtrabackup;

/**
 * The datadir the agent would empty is not certainly the MySQL server's datadir; nothing was changed.
 */
final class UnsafeDatadirException extends Exception {

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the path
     */
    UnsafeDatadirException(String message) {
        super(message);
    }
}
