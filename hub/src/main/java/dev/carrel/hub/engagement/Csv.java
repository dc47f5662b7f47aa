package dev.carrel.hub.engagement;

/** RFC 4180 fields, with a leading {@code = + - @} defused so a spreadsheet does not run a formula. */
final class Csv {
    private Csv() {}

    static String field(String value) {
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
