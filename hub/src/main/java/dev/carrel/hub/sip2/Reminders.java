package dev.carrel.hub.sip2;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The short lines a gate shows for one account: overdue first, then loans due within the window (grouped by
 * day), then holds ready (grouped by pickup place). No titles, no item ids: a kiosk screen is public
 * (DESIGN §7). At most {@code GateReminders.MAX_LINES} lines of at most 64 characters.
 */
public final class Reminders {
    private static final int MAX_LINES = 4;
    private static final int MAX_LINE = 64;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private Reminders() {}

    public static List<String> lines(LibraryAccounts.Account account, LocalDate today, int dueWithinDays) {
        List<String> out = new ArrayList<>();
        if (!account.valid()) {
            return out;
        }
        if (account.overdue() > 0) {
            out.add(books(account.overdue()) + " overdue");
        }
        Map<LocalDate, Integer> due = new TreeMap<>();
        for (LibraryAccounts.Loan loan : account.loans()) {
            loan.due()
                    .map(java.time.LocalDateTime::toLocalDate)
                    .filter(d -> !d.isBefore(today) && !d.isAfter(today.plusDays(dueWithinDays)))
                    .ifPresent(d -> due.merge(d, 1, Integer::sum));
        }
        due.forEach((day, n) -> out.add(books(n) + " due " + when(day, today)));
        Map<String, Integer> holds = new TreeMap<>();
        account.holds().forEach(h -> holds.merge(h.pickup().orElse(""), 1, Integer::sum));
        holds.forEach((place, n) ->
                out.add((n == 1 ? "1 hold" : n + " holds") + " ready" + (place.isEmpty() ? "" : " at " + place)));
        return out.stream()
                .map(l -> l.length() > MAX_LINE ? l.substring(0, MAX_LINE - 1) + "…" : l)
                .limit(MAX_LINES)
                .toList();
    }

    private static String books(int n) {
        return n == 1 ? "1 book" : n + " books";
    }

    private static String when(LocalDate day, LocalDate today) {
        if (day.equals(today)) {
            return "today";
        }
        if (day.equals(today.plusDays(1))) {
            return "tomorrow";
        }
        return day.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + day.format(DAY);
    }
}
