package dev.carrel.hub.access;

import dev.carrel.hub.ingest.HubMqttClient;
import dev.carrel.hub.passes.PassKeys;
import dev.carrel.hub.passes.PassService;
import dev.carrel.hub.passes.PassSignIn;
import dev.carrel.hub.patrons.Patron;
import dev.carrel.hub.patrons.PatronStatus;
import dev.carrel.hub.patrons.Patrons;
import dev.carrel.hub.sip2.LibraryAccounts;
import dev.carrel.hub.sip2.ReminderBook;
import dev.carrel.hub.sip2.Sip2Client;
import dev.carrel.hub.sip2.SocketLink;
import dev.carrel.hub.twins.Twins;
import dev.carrel.hub.web.JsonResponses;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.GateReminders;
import dev.carrel.protocol.Topic;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What gates get besides the allow-list: the pass-signing public key (in their desired twin, section
 * {@code access.passKeys}) with the patron-facing pass page, and the reminders from the library system when
 * SIP2 is configured.
 */
public final class AccessExtras implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AccessExtras.class.getName());

    private final AccessConfig config;
    private final Access.Base base;
    private final Patrons patrons;
    private final GateAgents gates;
    private final PassKeys keys;
    private final PassSignIn signIn;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("hub-reminders").daemon(true).factory());
    private volatile Optional<ReminderBook> reminders = Optional.empty();
    private volatile Optional<Sip2Client> sip2 = Optional.empty();
    private volatile Twins twins;

    private AccessExtras(AccessConfig config, Access.Base base, Patrons patrons, GateAgents gates, PassKeys keys) {
        this.config = config;
        this.base = base;
        this.patrons = patrons;
        this.gates = gates;
        this.keys = keys;
        this.signIn = new PassSignIn(patrons.store(), base.writer(), patrons.pins(), config.passes(), base.clock());
    }

    static AccessExtras open(AccessConfig config, Access.Base base, Patrons patrons, GateAgents gates)
            throws IOException {
        PassKeys keys = PassKeys.loadOrCreate(base.dataDir());
        LOG.info(
                () -> "mobile passes are signed with Ed25519 key " + keys.publicKeyText() + " (gates: site.pass-keys)");
        return new AccessExtras(config, base, patrons, gates, keys);
    }

    void attach(HubMqttClient mqtt, Twins twins) {
        this.twins = twins;
        config.sip2().ifPresent(s -> {
            Sip2Client client = new Sip2Client(s, SocketLink.connector(s), base.clock());
            sip2 = Optional.of(client);
            ReminderBook book = new ReminderBook(
                    new LibraryAccounts(client),
                    (gate, set) -> mqtt.publish(Topic.response(gate, GateReminders.NAME), set.encode()),
                    base.clock(),
                    s.dueWithinDays());
            reminders = Optional.of(book);
            long every = s.refresh().toSeconds();
            timer.scheduleWithFixedDelay(this::refreshQuietly, 5, every, TimeUnit.SECONDS);
        });
    }

    /** A gate was born: it gets the current reminders and, in its desired twin, the pass key. */
    void gateBorn(AgentId gate) throws SQLException {
        reminders.ifPresent(r -> r.sendTo(gate));
        Twins t = twins;
        if (t == null) {
            return;
        }
        Object want = Map.of("passKeys", List.of(keys.publicKeyText()), "site", config.siteId());
        if (!want.equals(t.view(gate).desired().get("access"))) {
            t.change(gate, state -> {
                Map<String, Object> next = new java.util.LinkedHashMap<>(state);
                next.put("access", want);
                return next;
            });
        }
    }

    /** Fetches every active patron's reminders now; returns whether the set changed. */
    public boolean refreshReminders() throws SQLException {
        if (reminders.isEmpty()) {
            return false;
        }
        List<ReminderBook.Asked> asked = new ArrayList<>();
        int page = 0;
        while (true) {
            List<Patron> batch = patrons.store().search("", Optional.of(PatronStatus.ACTIVE), 500, page * 500);
            batch.forEach(p -> asked.add(new ReminderBook.Asked(p.id(), p.pseudonym())));
            if (batch.size() < 500) {
                break;
            }
            page++;
        }
        return reminders.get().refresh(asked, gates.online());
    }

    private void refreshQuietly() {
        try {
            refreshReminders();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "reminder refresh failed", e);
        }
    }

    public Optional<ReminderBook> reminders() {
        return reminders;
    }

    /** Ends every pass-page session of the patron (after an erasure). */
    public void signOut(String patronId) {
        signIn.signOutPatron(patronId);
    }

    public PassKeys passKeys() {
        return keys;
    }

    /** The pass page's patron sign-in; other patron pages under {@code /pass/api} share its sessions. */
    public PassSignIn passSignIn() {
        return signIn;
    }

    void routing(HttpRouting.Builder r, JsonResponses responses) {
        // The static feature serves /pass/index.html; a phone opening /pass or /pass/ gets it too, with the
        // query it came with (?lang=, and a seat code's ?seat=).
        io.helidon.webserver.http.Handler page = (req, res) -> {
            String query = req.query().rawValue();
            res.status(io.helidon.http.Status.SEE_OTHER_303)
                    .header(
                            io.helidon.http.HeaderNames.LOCATION,
                            "/pass/index.html" + (query.isEmpty() ? "" : "?" + query))
                    .send();
        };
        r.get("/pass", page).get("/pass/", page);
        r.register(
                "/pass/api",
                new PassService(patrons, new PassService.Parts(signIn, keys, config, base.clock()), responses));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        sip2.ifPresent(Sip2Client::close);
    }
}
