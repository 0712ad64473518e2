package io.orcagent.plugins.lvm;

/**
 * Quotes request-supplied text for error messages: control characters escaped, long text cut, so an
 * odd value cannot forge log lines.
 */
final class Quoting {

    private static final int MAX = 120;

    private Quoting() {
    }

    static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        String cut = text.length() > MAX ? text.substring(0, MAX) : text;
        for (char c : cut.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.append(text.length() > MAX ? "...\"" : "\"").toString();
    }
}
