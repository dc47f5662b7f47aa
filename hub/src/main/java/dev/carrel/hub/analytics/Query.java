package dev.carrel.hub.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A checked analytics request: the inclusive range of local days and the segment filters. {@link #where}
 * makes the SQL condition for a rollup table that has the filtered columns.
 */
record Query(
        LocalDate from, LocalDate to, Optional<String> building, Optional<String> group, Optional<String> college) {

    /** A condition and its parameters, in order. */
    record Where(String sql, List<Object> params) {}

    Where where(String prefix, boolean segments) {
        StringBuilder sql = new StringBuilder(prefix + "day BETWEEN ? AND ?");
        List<Object> params = new ArrayList<>(List.of(from.toString(), to.toString()));
        building.ifPresent(b -> {
            sql.append(" AND ").append(prefix).append("building_id = ?");
            params.add(b);
        });
        if (segments) {
            group.ifPresent(g -> {
                sql.append(" AND ").append(prefix).append("patron_group = ?");
                params.add(g);
            });
            college.ifPresent(c -> {
                sql.append(" AND ").append(prefix).append("college = ?");
                params.add(c);
            });
        }
        return new Where(sql.toString(), params);
    }

    long days() {
        return to.toEpochDay() - from.toEpochDay() + 1;
    }

    List<LocalDate> dates() {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            out.add(d);
        }
        return out;
    }

    /** What the answer says it covers. */
    Table describe(Table table) {
        Map<String, Object> filters = new LinkedHashMap<>();
        building.ifPresent(b -> filters.put("building", b));
        group.ifPresent(g -> filters.put("group", g));
        college.ifPresent(c -> filters.put("college", c));
        return table.about("from", from.toString()).about("to", to.toString()).about("filters", filters);
    }
}
