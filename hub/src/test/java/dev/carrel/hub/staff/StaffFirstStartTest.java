package dev.carrel.hub.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.hub.control.MutableClock;
import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The very first start creates the administrator; no later start does (docs/hub.md, "Staff sign-in"). */
class StaffFirstStartTest {
    private static final Pattern PRINTED = Pattern.compile("administrator 'admin' with password (\\S+) ");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final List<String> console = new ArrayList<>();

    @Test
    void firstStart_withoutAPassword_printsARandomOneOnce_itSignsIn_laterStartsNeitherRecreateNorPrint()
            throws Exception {
        String password;
        try (Started hub = start(Map.of())) {
            assertEquals(1, console.size(), console.toString());
            Matcher m = PRINTED.matcher(console.getFirst());
            assertTrue(m.find(), console.getFirst());
            password = m.group(1);
            assertTrue(password.length() >= StaffAccounts.MIN_PASSWORD, password);
            StaffAccounts.SignIn in = hub.staff.accounts().signIn("admin", password);
            assertEquals(
                    new StaffMember("admin", StaffRole.ADMIN),
                    assertInstanceOf(StaffAccounts.SignIn.Accepted.class, in).member());
            assertInstanceOf(
                    StaffAccounts.SignIn.Wrong.class, hub.staff.accounts().signIn("admin", password + "x"));
        }

        try (Started again = start(Map.of())) {
            assertEquals(1, console.size(), "nothing printed at the second start: " + console);
            assertEquals(
                    List.of("admin"),
                    again.staff.accounts().accounts().stream()
                            .map(StaffStore.Account::username)
                            .toList());
            assertInstanceOf(
                    StaffAccounts.SignIn.Accepted.class, again.staff.accounts().signIn("admin", password));
        }
    }

    @Test
    void firstStart_withAConfiguredPassword_printsNothing_andThatPasswordSignsIn() throws Exception {
        try (Started hub = start(Map.of("initial-admin-password", "correct horse battery"))) {
            assertEquals(List.of(), console);
            assertInstanceOf(
                    StaffAccounts.SignIn.Accepted.class, hub.staff.accounts().signIn("admin", "correct horse battery"));
        }
    }

    /** The staff feature on the same database file each time, as one start of the hub opens it. */
    private record Started(Database database, StoreWriter writer, StaffFeature staff) implements AutoCloseable {
        @Override
        public void close() throws java.sql.SQLException {
            writer.close();
            database.close();
        }
    }

    private Started start(Map<String, String> keys) throws Exception {
        Map<String, String> all = new HashMap<>(keys);
        all.put("password-iterations", "10000");
        Database database = Database.open(dir.resolve("hub.db"));
        StoreWriter writer = new StoreWriter(database, (what, e) -> {});
        return new Started(
                database,
                writer,
                StaffFeature.open(Config.just(ConfigSources.create(all)), database, writer, clock, console::add));
    }
}
