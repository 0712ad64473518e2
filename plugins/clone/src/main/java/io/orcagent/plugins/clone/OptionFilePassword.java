package io.orcagent.plugins.clone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the {@code password} of the {@code [client]} group from a MySQL option file, with MySQL's
 * quoting rules ({@code "…"} or {@code '…'} around the value, backslash escapes {@code \b \t \n \r \\ \s}
 * and escaped quotes).
 *
 * <p>Why: {@code CLONE INSTANCE … IDENTIFIED BY '<password>'} needs the donor password in the statement,
 * and the agent API hands the {@code [mysql]} password to plugins only inside the 0600 option file
 * {@link io.orcagent.api.MysqlAccess#clientOptionFile} writes. The caller deletes the file at once.
 */
final class OptionFilePassword {

    private OptionFilePassword() {
    }

    /**
     * Reads the password.
     *
     * @param file the option file
     * @return the password (empty when the file has a {@code password} line with an empty value)
     * @throws IOException when the file cannot be read or has no {@code [client]} password
     */
    static String read(Path file) throws IOException {
        boolean inClient = false;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                inClient = line.equals("[client]");
            } else if (inClient && isPasswordLine(line)) {
                return value(line.substring(line.indexOf('=') + 1).strip());
            }
        }
        throw new IOException("the client option file written by the agent holds no password");
    }

    private static boolean isPasswordLine(String line) {
        int equals = line.indexOf('=');
        return equals > 0 && line.substring(0, equals).strip().equals("password");
    }

    private static String value(String text) {
        if (text.length() >= 2 && (text.charAt(0) == '"' || text.charAt(0) == '\'')) {
            char quote = text.charAt(0);
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == quote) {
                    return out.toString();
                }
                if (c == '\\' && i + 1 < text.length()) {
                    out.append(unescape(text.charAt(++i)));
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                out.append(unescape(text.charAt(++i)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static char unescape(char c) {
        return switch (c) {
            case 'b' -> '\b';
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 's' -> ' ';
            default -> c;
        };
    }
}
