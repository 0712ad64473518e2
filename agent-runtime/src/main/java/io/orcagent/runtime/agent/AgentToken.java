package io.orcagent.runtime.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The agent's secret token: 64 lowercase hex characters (SHA-256 of 64 random bytes, as the Go agent
 * makes it), new on every start. {@link #toString()} never shows it.
 *
 * @param value the token
 */
public record AgentToken(String value) {

    /**
     * Validates.
     *
     * @param value the token
     */
    public AgentToken {
        Objects.requireNonNull(value, "value is null");
        if (!value.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a token is 64 lowercase hex characters");
        }
    }

    /**
     * Generates a token from a strong random source.
     *
     * @return a new token
     */
    public static AgentToken generate() {
        byte[] seed = new byte[64];
        new SecureRandom().nextBytes(seed);
        try {
            return new AgentToken(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * Writes the token to the hint file with mode 0600 (created with that mode, then moved in place,
     * so it is never readable by others, not even briefly).
     *
     * @param hintFile the configured {@code token-hint-file}
     * @throws IOException when it cannot be written
     */
    public void writeHint(Path hintFile) throws IOException {
        Path absolute = hintFile.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".token-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, value + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rw-------"));
    }

    @Override
    public String toString() {
        return "AgentToken[****]";
    }
}
