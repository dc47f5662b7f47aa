package dev.carrel.hub.sip2;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A patron's account in the library system, read over SIP2: whether the ILS knows them (Patron Status 23,
 * or Patron Information 63 where 23 is missing), their loans with due dates, overdue count and holds ready
 * with their pickup place (63 → 64 with one summary category at a time, as the spec allows, then Item
 * Information 17 → 18 for each item's due date {@code AH} and location {@code AP}).
 */
public final class LibraryAccounts {
    /** 63's summary field: ten flags, one category at a time (3M SIP2, Patron Information). */
    private static final int HOLDS = 0;

    private static final int CHARGED = 2;

    /** Positions of 64's counts: hold items (available holds), then overdue items. */
    private static final int HOLD_COUNT = 0;

    private static final int OVERDUE_COUNT = 1;

    /** Never ask about more items than a gate could show. */
    static final int MAX_ITEMS = 20;

    private final Sip2Client client;

    public LibraryAccounts(Sip2Client client) {
        this.client = client;
    }

    /** A loan: the item and when it is due, when the ILS says. */
    public record Loan(String item, Optional<LocalDateTime> due) {}

    /** A hold ready for pickup, and where. */
    public record Hold(String item, Optional<String> pickup) {}

    /** What the reminders are made from. */
    public record Account(boolean valid, int overdue, List<Loan> loans, List<Hold> holds) {}

    /** Whether the ILS knows the patron as valid: {@code BL} of 24, or of 64 when 23 is unsupported. */
    public boolean valid(String patron) throws Sip2Client.Sip2Exception {
        if (client.patronStatusSupported()) {
            // 23: language 001, transaction date, AO institution, AA patron, AC terminal and AD patron password.
            Sip2Message.Response r = client.call(new Sip2Client.Request(
                    "23001" + client.now() + "AO" + client.institution() + "|AA" + Sip2Message.clean(patron)
                            + "|AC|AD|",
                    "24",
                    Sip2Client.FIXED_24));
            return r.field("BL").map("Y"::equals).orElse(false);
        }
        return information(patron, -1).field("BL").map("Y"::equals).orElse(false);
    }

    public Account account(String patron) throws Sip2Client.Sip2Exception {
        if (!valid(patron)) {
            return new Account(false, 0, List.of(), List.of());
        }
        Sip2Message.Response charged = information(patron, CHARGED);
        int overdue = count(charged, OVERDUE_COUNT);
        List<Loan> loans = new ArrayList<>();
        for (String item : first(charged.all("AU"))) {
            loans.add(new Loan(item, item(item).field("AH").flatMap(Sip2Message::date)));
        }
        List<Hold> holds = new ArrayList<>();
        if (count(charged, HOLD_COUNT) > 0) {
            for (String item : first(information(patron, HOLDS).all("AS"))) {
                holds.add(new Hold(item, item(item).field("AP").filter(s -> !s.isBlank())));
            }
        }
        return new Account(true, overdue, loans, holds);
    }

    /** 63 with the summary flag at {@code category} (none when negative). */
    private Sip2Message.Response information(String patron, int category) throws Sip2Client.Sip2Exception {
        char[] summary = "          ".toCharArray();
        if (category >= 0) {
            summary[category] = 'Y';
        }
        return client.call(new Sip2Client.Request(
                "63001" + client.now() + new String(summary) + "AO" + client.institution() + "|AA"
                        + Sip2Message.clean(patron) + "|BP1|BQ" + MAX_ITEMS + "|",
                "64",
                Sip2Client.FIXED_64));
    }

    private Sip2Message.Response item(String item) throws Sip2Client.Sip2Exception {
        return client.call(new Sip2Client.Request(
                "17" + client.now() + "AO" + client.institution() + "|AB" + Sip2Message.clean(item) + "|AC|",
                "18",
                Sip2Client.FIXED_18));
    }

    /**
     * A 4-digit count of 64's fixed part, {@code at} 0 holds, 1 overdue, 2 charged (after patron status
     * 14, language 3 and date 18). Blank or spaces count as 0 (FOLIO pads some with blanks).
     */
    private static int count(Sip2Message.Response r, int at) throws Sip2Client.Sip2Exception {
        try {
            String digits = r.fixed(35 + 4 * at, 4).strip();
            return digits.isEmpty() ? 0 : Integer.parseInt(digits);
        } catch (Sip2Message.Malformed | NumberFormatException e) {
            throw new Sip2Client.Sip2Exception("64: a count is not a number", e);
        }
    }

    private static List<String> first(List<String> items) {
        return items.stream().filter(s -> !s.isBlank()).limit(MAX_ITEMS).toList();
    }
}
