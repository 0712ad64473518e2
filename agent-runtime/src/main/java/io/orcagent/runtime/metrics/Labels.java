package io.orcagent.runtime.metrics;

import java.util.List;
import java.util.Objects;

/**
 * An ordered set of label values for one series.
 *
 * @param values label values, in the family's label-name order
 */
record Labels(List<String> values) {

    Labels {
        values = List.copyOf(Objects.requireNonNull(values, "values is null"));
    }

    static Labels of(String... values) {
        return new Labels(List.of(values));
    }

    String render(List<String> names) {
        if (names.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(names.get(i)).append("=\"").append(escape(values.get(i))).append('"');
        }
        return out.append('}').toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
