package io.orcagent.plugins.xtrabackup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The backup tool's command lines. Credentials never appear in them: the backup reads them from a 0600
 * option file, named first because the tools accept option-file options only in first position.
 *
 * @param tool the backup tool
 * @param settings the section (extra options, {@code --parallel})
 */
record ToolCommandLines(BackupTool tool, XtrabackupSettings settings) {

    ToolCommandLines {
        Objects.requireNonNull(tool, "tool is null");
        Objects.requireNonNull(settings, "settings is null");
    }

    /**
     * The streaming backup, run on the source.
     *
     * @param optionFile the option file with the local server's address and credentials
     * @param workDir the tool's scratch directory ({@code --target-dir})
     * @return the argument list
     */
    List<String> backup(Path optionFile, Path workDir) {
        List<String> argv = new ArrayList<>();
        argv.add(tool.program());
        argv.add("--defaults-extra-file=" + optionFile);
        argv.add("--backup");
        argv.add("--stream=xbstream");
        argv.add("--target-dir=" + workDir);
        argv.addAll(settings.backupOptions());
        return List.copyOf(argv);
    }

    /**
     * Decompression of a stream taken with {@code --compress}, run on the target.
     *
     * @param datadir where the stream was extracted
     * @param removeOriginal whether the tool supports {@code --remove-original}
     * @return the argument list
     */
    List<String> decompress(Path datadir, boolean removeOriginal) {
        List<String> argv = new ArrayList<>(List.of(tool.program(), "--decompress", "--parallel=" + settings.parallel()));
        if (removeOriginal) {
            argv.add("--remove-original");
        }
        argv.add("--target-dir=" + datadir);
        return List.copyOf(argv);
    }

    /**
     * Crash recovery of the copied files, run on the target.
     *
     * @param datadir where the backup is
     * @return the argument list
     */
    List<String> prepare(Path datadir) {
        return List.of(tool.program(), "--prepare", "--target-dir=" + datadir);
    }

    /**
     * The program the backup tool calls to decompress a file.
     *
     * @param file a compressed file's name
     * @return {@code qpress}, {@code zstd} or {@code lz4}
     */
    static String decompressor(String file) {
        if (file.endsWith(".zst")) {
            return "zstd";
        }
        return file.endsWith(".lz4") ? "lz4" : "qpress";
    }
}
