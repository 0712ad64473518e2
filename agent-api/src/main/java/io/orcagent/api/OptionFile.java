package io.orcagent.api;

import java.nio.file.Path;

/**
 * A temporary file holding secrets, readable by the agent's user only. Closing deletes it.
 */
public interface OptionFile extends AutoCloseable {

    /**
     * Where the file is.
     *
     * @return the absolute path
     */
    Path path();

    /** Deletes the file; never throws. */
    @Override
    void close();
}
