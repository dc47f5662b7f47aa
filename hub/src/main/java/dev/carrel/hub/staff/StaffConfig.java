package dev.carrel.hub.staff;

import static dev.carrel.hub.ConfigValues.bool;
import static dev.carrel.hub.ConfigValues.duration;
import static dev.carrel.hub.ConfigValues.integer;
import static dev.carrel.hub.ConfigValues.string;

import io.helidon.config.Config;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code carrel.staff}: sign-in of staff (docs/hub.md, "Staff sign-in and audit").
 *
 * @param initialAdminPassword the first administrator's password at the very first start
 *     ({@code initial-admin-password}, which {@code Main} fills from {@code CARREL_ADMIN_PASSWORD} when the
 *     files leave it out); else a random one printed once
 * @param passwordIterations PBKDF2-HMAC-SHA256 iterations for new password hashes (OWASP 2023: 600,000)
 * @param lockoutAfter failed sign-ins in a row that lock an account
 * @param lockout how long a locked account stays locked
 * @param idle a session unused this long ends
 * @param maxSession a session ends this long after sign-in whatever happens
 * @param secureCookie whether the session cookie is {@code Secure} (turn off only for plain-HTTP demos)
 */
public record StaffConfig(
        Optional<String> initialAdminPassword,
        int passwordIterations,
        int lockoutAfter,
        Duration lockout,
        Duration idle,
        Duration maxSession,
        boolean secureCookie) {

    public static StaffConfig from(Config staff) {
        return new StaffConfig(
                string(staff, "initial-admin-password").filter(s -> !s.isEmpty()),
                integer(staff, "password-iterations", 600_000, 10_000, 10_000_000),
                integer(staff, "lockout-after", 5, 1, 100),
                duration(staff, "lockout", Duration.ofMinutes(15)),
                duration(staff, "session-idle", Duration.ofHours(2)),
                duration(staff, "session-max", Duration.ofHours(12)),
                bool(staff, "secure-cookie", true));
    }
}
