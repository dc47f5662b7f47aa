package dev.carrel.hub.staff;

import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.hub.web.JsonResponses;
import io.helidon.config.Config;
import io.helidon.webserver.http.HttpRouting;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Staff sign-in, roles, API tokens and the audit log (docs/hub.md, "Staff sign-in and audit"). At the very
 * first start it creates the administrator {@code admin}, with {@code carrel.staff.initial-admin-password}
 * (which the hub's {@code Main} also fills from {@code CARREL_ADMIN_PASSWORD}), else a random password
 * printed once. There is no default password.
 */
public final class StaffFeature {
    private static final Logger LOG = Logger.getLogger(StaffFeature.class.getName());

    private final StaffConfig config;
    private final StaffAccounts accounts;
    private final StaffSessions sessions;
    private final AuditLog audit;
    private final Clock clock;

    private StaffFeature(StaffConfig config, StaffAccounts accounts, AuditLog audit, Clock clock) {
        this.config = config;
        this.accounts = accounts;
        this.sessions = new StaffSessions(config.idle(), config.maxSession(), clock);
        this.audit = audit;
        this.clock = clock;
    }

    /** Opens staff accounts; a generated first password is printed on standard output. */
    public static StaffFeature open(Config staff, Database database, StoreWriter writer, Clock clock)
            throws SQLException {
        return open(staff, database, writer, clock, System.out::println);
    }

    /**
     * As above, with the console that shows a generated first password: it gets that one line once, at the
     * start that creates the administrator, and nothing at any later start.
     */
    public static StaffFeature open(
            Config staff, Database database, StoreWriter writer, Clock clock, Consumer<String> console)
            throws SQLException {
        StaffConfig config = StaffConfig.from(staff);
        StaffAccounts accounts = new StaffAccounts(database, writer, config, clock);
        Optional<String> generated;
        try {
            generated = accounts.bootstrap(config.initialAdminPassword());
        } catch (StaffAccounts.Refused e) {
            throw new IllegalArgumentException("the initial administrator password is unusable: " + e.getMessage(), e);
        }
        generated.ifPresent(p -> {
            console.accept("First start: created the administrator 'admin' with password " + p
                    + "  (shown only now; sign in and change it, or set CARREL_ADMIN_PASSWORD before the first start)");
            LOG.warning("first start: created the administrator 'admin' with a random password printed on stdout");
        });
        return new StaffFeature(config, accounts, new AuditLog(database, writer), clock);
    }

    /** The sign-in filter (before every route) and the session, staff and audit APIs. */
    public void routing(HttpRouting.Builder r, JsonResponses responses) {
        r.addFilter(new StaffFilter(accounts, sessions, audit, responses, clock));
        r.register("/api/session", new SessionService(accounts, sessions, config, responses))
                .register("/api/staff", new StaffService(accounts, sessions, responses, clock))
                .register("/api/audit", new AuditService(audit, responses));
    }

    public StaffAccounts accounts() {
        return accounts;
    }

    public AuditLog audit() {
        return audit;
    }

    /** An API token for an existing member, for automation set up in code and for tests. */
    public String issueToken(String username) {
        try {
            return accounts.issueToken(username, "issued in code").token();
        } catch (SQLException | StaffAccounts.Refused e) {
            throw new IllegalStateException("cannot issue an API token for " + username + ": " + e.getMessage(), e);
        }
    }
}
