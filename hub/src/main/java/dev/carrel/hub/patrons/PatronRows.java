package dev.carrel.hub.patrons;

import dev.carrel.protocol.CredentialKind;
import dev.carrel.protocol.Credentials;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The columns of a campus-card export and the check of one row (docs/patrons.md, "CSV import"). Column
 * names are matched without regard to case, spaces or dashes; unknown columns are ignored and reported.
 * Required: {@code id}, {@code name}, {@code group}. Optional: {@code college}, {@code status} (default
 * {@code active}), {@code valid_until} ({@code YYYY-MM-DD}, the last day of entry, UTC), {@code card_uid},
 * {@code wiegand}, {@code face}, {@code nfc_phone} (several values of one kind separated by {@code |}),
 * {@code pin}. Raw credential values are hashed here and go no further.
 */
final class PatronRows {
    static final List<String> REQUIRED = List.of("id", "name", "group");
    static final List<String> OPTIONAL =
            List.of("college", "status", "valid_until", "card_uid", "wiegand", "face", "nfc_phone", "pin");
    private static final Map<String, String> ALIASES = Map.of("display_name", "name", "patron_id", "id");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Map<String, CredentialKind> KINDS = Map.of(
            "card_uid", CredentialKind.CARD_UID,
            "wiegand", CredentialKind.WIEGAND,
            "face", CredentialKind.FACE,
            "nfc_phone", CredentialKind.NFC_PHONE);

    /** A problem with one field of one row; {@code row} is the line the record starts on. */
    record RowError(int row, String field, String message) {}

    /** A checked row: the draft, or what is wrong with it. */
    record Checked(int row, String id, Optional<PatronDraft> draft, List<RowError> errors) {}

    private final Map<String, Integer> columns = new HashMap<>();
    private final List<String> ignored = new ArrayList<>();
    private final SiteKey key;
    private final Set<String> pinHolders;

    private PatronRows(SiteKey key, Set<String> pinHolders) {
        this.key = key;
        this.pinHolders = pinHolders;
    }

    /**
     * Reads the header; a missing required or repeated column is an error on row 1 naming it.
     *
     * @param pinHolders the patrons who have a mobile-pass PIN already: a way in without a face
     */
    static PatronRows header(List<String> header, SiteKey key, Set<String> pinHolders) throws CsvReader.Malformed {
        PatronRows rows = new PatronRows(key, pinHolders);
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i)
                    .strip()
                    .toLowerCase(Locale.ROOT)
                    .replace(' ', '_')
                    .replace('-', '_');
            name = ALIASES.getOrDefault(name, name);
            if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                rows.ignored.add(header.get(i));
            } else if (rows.columns.putIfAbsent(name, i) != null) {
                throw new CsvReader.Malformed(1, "column '" + name + "' appears twice");
            }
        }
        for (String required : REQUIRED) {
            if (!rows.columns.containsKey(required)) {
                throw new CsvReader.Malformed(1, "column '" + required + "' is required");
            }
        }
        return rows;
    }

    List<String> ignored() {
        return List.copyOf(ignored);
    }

    Checked check(CsvReader.Record record) {
        List<RowError> errors = new ArrayList<>();
        int row = record.line();
        String id = cell(record, "id");
        if (!ID.matcher(id).matches()) {
            errors.add(new RowError(row, "id", "must be 1-64 of letters, digits, '.', '_', ':' or '-'"));
        }
        String name = cell(record, "name");
        if (name.isEmpty() || name.length() > 128 || name.chars().anyMatch(Character::isISOControl)) {
            errors.add(new RowError(row, "name", "must be 1-128 characters without control characters"));
        }
        Optional<PatronGroup> group = PatronGroup.parse(cell(record, "group"));
        if (group.isEmpty()) {
            errors.add(new RowError(row, "group", "must be one of " + PatronGroup.choices()));
        }
        String college = cell(record, "college");
        if (college.length() > 128 || college.chars().anyMatch(Character::isISOControl)) {
            errors.add(new RowError(row, "college", "must be at most 128 characters without control characters"));
        }
        String statusText = cell(record, "status");
        Optional<PatronStatus> status =
                statusText.isEmpty() ? Optional.of(PatronStatus.ACTIVE) : PatronStatus.parse(statusText);
        if (status.isEmpty()) {
            errors.add(new RowError(row, "status", "must be one of " + PatronStatus.choices()));
        }
        Optional<Instant> validUntil = validUntil(record, errors);
        List<PatronCredential> credentials = credentials(record, errors);
        Optional<String> pin = Optional.of(cell(record, "pin")).filter(p -> !p.isEmpty());
        if (pin.isPresent()
                && (pin.get().length() < Pins.MIN_LENGTH || pin.get().length() > Pins.MAX_LENGTH)) {
            errors.add(new RowError(row, "pin", "must be " + Pins.MIN_LENGTH + "-" + Pins.MAX_LENGTH + " characters"));
        }
        boolean faceOnly = !credentials.isEmpty()
                && credentials.stream().allMatch(c -> c.kind() == CredentialKind.FACE)
                && pin.isEmpty()
                && !pinHolders.contains(id);
        if (faceOnly) {
            // DESIGN §7: every patron always has a non-face way in. A PIN (in the row, or set before) opens
            // the mobile pass, which any gate with a camera accepts.
            errors.add(new RowError(
                    row, "face", "is the only credential: a card, Wiegand number, phone or pass PIN is needed too"));
        }
        if (!errors.isEmpty()) {
            return new Checked(row, id, Optional.empty(), errors);
        }
        return new Checked(
                row,
                id,
                Optional.of(
                        new PatronDraft(id, name, group.get(), college, status.get(), validUntil, credentials, pin)),
                List.of());
    }

    private Optional<Instant> validUntil(CsvReader.Record record, List<RowError> errors) {
        String text = cell(record, "valid_until");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            // The last day of entry: valid until the start of the next day.
            return Optional.of(LocalDate.parse(text)
                    .plusDays(1)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant());
        } catch (DateTimeParseException e) {
            errors.add(new RowError(record.line(), "valid_until", "must be a date YYYY-MM-DD"));
            return Optional.empty();
        }
    }

    private List<PatronCredential> credentials(CsvReader.Record record, List<RowError> errors) {
        LinkedHashSet<PatronCredential> out = new LinkedHashSet<>();
        for (var e : KINDS.entrySet()) {
            for (String raw : cell(record, e.getKey()).split("\\|")) {
                if (raw.isBlank()) {
                    continue;
                }
                try {
                    out.add(new PatronCredential(e.getValue(), key.hash(e.getValue(), raw)));
                } catch (Credentials.Malformed m) {
                    errors.add(new RowError(record.line(), e.getKey(), m.getMessage()));
                }
            }
        }
        return new ArrayList<>(out);
    }

    private String cell(CsvReader.Record record, String column) {
        Integer i = columns.get(column);
        return i == null || i >= record.fields().size()
                ? ""
                : record.fields().get(i).strip();
    }
}
