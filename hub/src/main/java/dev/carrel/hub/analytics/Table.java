package dev.carrel.hub.analytics;

import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An analytics answer: named columns and rows, written as JSON ({@code {"from", "to", ..., "rows": [{...}]}})
 * or as CSV with a header line. Every view is a table so that every view exports.
 */
final class Table {
    private final List<String> columns;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final Map<String, Object> about = new LinkedHashMap<>();

    Table(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Adds a row; values in column order. */
    Table row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("a row of " + values.length + " values for " + columns);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            row.put(columns.get(i), values[i]);
        }
        rows.add(row);
        return this;
    }

    /** A field of the JSON answer besides the rows (the range, the filters). */
    Table about(String key, Object value) {
        about.put(key, value);
        return this;
    }

    List<Map<String, Object>> rows() {
        return rows;
    }

    Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>(about);
        out.put("columns", columns);
        // The wire mapper leaves nulls out; a dashboard wants every column in every row, so null is written.
        List<Map<String, Object>> written = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Map<String, Object> w = new LinkedHashMap<>(row);
            w.replaceAll((k, v) -> v == null ? NullNode.getInstance() : v);
            written.add(w);
        }
        out.put("rows", written);
        return out;
    }

    /** RFC 4180: comma separated, CRLF lines, fields quoted when they hold a comma, quote or line break. */
    String csv() {
        StringBuilder out = new StringBuilder();
        line(out, new ArrayList<>(columns));
        for (Map<String, Object> row : rows) {
            line(out, new ArrayList<>(row.values()));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object v = values.get(i);
            String text = v == null ? "" : v.toString();
            if (text.indexOf(',') >= 0
                    || text.indexOf('"') >= 0
                    || text.indexOf('\n') >= 0
                    || text.indexOf('\r') >= 0) {
                text = '"' + text.replace("\"", "\"\"") + '"';
            }
            // A leading = + - @ would be a formula to a spreadsheet (CSV injection): names come from imports.
            if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !(v instanceof Number)) {
                text = "'" + text;
            }
            out.append(text);
        }
        out.append("\r\n");
    }
}
