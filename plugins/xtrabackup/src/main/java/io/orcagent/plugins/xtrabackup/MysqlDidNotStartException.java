package io.orcagent.plugins.xtrabackup;

/**
 * After the restore, MySQL could not be started or did not answer in time: the Restore stage fails
 * (the Go agent reported {@code Completed} here).
 */
final class MysqlDidNotStartException extends Exception {

    /**
     * Creates the exception.
     *
     * @param message why, with the end of the server's error log when it could be read
     * @param cause the start command's failure, or null
     */
    MysqlDidNotStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
