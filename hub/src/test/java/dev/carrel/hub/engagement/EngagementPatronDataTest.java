package dev.carrel.hub.engagement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.carrel.hub.HubHttp;
import dev.carrel.hub.privacy.PatronData;
import dev.carrel.hub.spaces.Committed;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export and erasure of a patron's engagement data, on a real SQLite file. */
class EngagementPatronDataTest {
    @TempDir
    Path dir;

    @Test
    void export_listsRegistrationsAndSignups_erase_removesThem_andPromotesTheWaitlist() throws Exception {
        Path file = dir.resolve("hub.db");
        dev.carrel.hub.control.MutableClock clock =
                new dev.carrel.hub.control.MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
        try (Database database = Database.open(file);
                StoreWriter writer = new StoreWriter(database, (what, e) -> {})) {
            EventStore events = new EventStore();
            ShiftStore shifts = new ShiftStore();
            PatronData data = new EngagementPatronData(events, shifts, clock);
            Committed.write(writer, "fixture", c -> {
                for (String p : List.of("a", "b")) {
                    try (PreparedStatement s = c.prepareStatement(
                            "INSERT INTO patrons (id, pseudonym, display_name,"
                                    + " greeting, patron_group, college, status, updated_at) VALUES (?, ?, ?, ?, 'staff', '', 'active', 0)")) {
                        s.setString(1, p);
                        s.setString(2, "p-" + p);
                        s.setString(3, p);
                        s.setString(4, p);
                        s.executeUpdate();
                    }
                }
                events.write(
                        c,
                        new LibraryEvent(
                                "ev-1",
                                "Talk",
                                LibraryEvent.Kind.LECTURE,
                                "",
                                Instant.parse("2026-11-30T14:00:00Z"),
                                Instant.parse("2026-11-30T15:00:00Z"),
                                1,
                                Instant.parse("2026-11-01T00:00:00Z"),
                                Instant.parse("2026-11-30T14:00:00Z"),
                                java.util.Optional.empty()),
                        clock.instant());
                events.register(c, "ev-1", "a", EventStore.PLACE, clock.instant());
                events.register(c, "ev-1", "b", EventStore.WAITLIST, clock.instant());
                shifts.write(
                        c,
                        new VolunteerShift(
                                "vs-1",
                                "Desk",
                                "",
                                Instant.parse("2026-11-24T09:00:00Z"),
                                Instant.parse("2026-11-24T12:00:00Z"),
                                2,
                                java.util.Optional.empty()),
                        clock.instant());
                shifts.signUp(c, "vs-1", "a", clock.instant());
            });

            AtomicReference<Object> exported = new AtomicReference<>();
            Committed.write(writer, "export", c -> exported.set(data.export(c, "a")));
            EngagementPatronData.Export export = (EngagementPatronData.Export) exported.get();
            assertEquals(1, export.registrations().size());
            assertEquals(1, export.volunteering().size());

            Committed.write(writer, "erase", c -> data.erase(c, "a"));

            assertEquals(0, HubHttp.count(file, "SELECT count(*) FROM event_registrations WHERE patron_id = 'a'"));
            assertEquals(0, HubHttp.count(file, "SELECT count(*) FROM volunteer_signups WHERE patron_id = 'a'"));
            assertEquals(
                    1,
                    HubHttp.count(
                            file, "SELECT count(*) FROM event_registrations WHERE patron_id = 'b' AND state = 'place'"),
                    "the waitlisted patron got the erased patron's place");
        }
    }
}
