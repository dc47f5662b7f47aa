package dev.carrel.hub.patrons;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV as RFC 4180 describes it: fields separated by commas, optionally in double quotes, a quote in a
 * quoted field written twice, line breaks (CRLF or LF) inside quotes kept. Each record remembers the line it
 * starts on, so an error can name the row as a spreadsheet shows it. A UTF-8 byte-order mark is skipped.
 */
final class CsvReader {
    private CsvReader() {}

    /** One record and the line (from 1) it starts on. */
    record Record(int line, List<String> fields) {
        boolean blank() {
            return fields.size() == 1 && fields.getFirst().isBlank();
        }
    }

    /** A file that is not CSV at all; names the line. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        private final int line;

        Malformed(int line, String message) {
            super(message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    static List<Record> read(String text) throws Malformed {
        List<Record> out = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int start = 1;
        boolean quoted = false;
        boolean afterQuote = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        for (; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                    afterQuote = true;
                } else {
                    line += ch == '\n' ? 1 : 0;
                    field.append(ch);
                }
                continue;
            }
            switch (ch) {
                case '"' -> {
                    if (!field.isEmpty() || afterQuote) {
                        throw new Malformed(line, "a quote inside an unquoted field");
                    }
                    quoted = true;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    afterQuote = false;
                }
                case '\r' -> {
                    // CRLF: the LF ends the record
                }
                case '\n' -> {
                    fields.add(field.toString());
                    out.add(new Record(start, List.copyOf(fields)));
                    fields.clear();
                    field.setLength(0);
                    afterQuote = false;
                    line++;
                    start = line;
                }
                default -> {
                    if (afterQuote) {
                        throw new Malformed(line, "text after a closing quote");
                    }
                    field.append(ch);
                }
            }
        }
        if (quoted) {
            throw new Malformed(start, "a quoted field is never closed");
        }
        if (!field.isEmpty() || !fields.isEmpty() || afterQuote) {
            fields.add(field.toString());
            out.add(new Record(start, List.copyOf(fields)));
        }
        out.removeIf(Record::blank);
        return out;
    }
}
