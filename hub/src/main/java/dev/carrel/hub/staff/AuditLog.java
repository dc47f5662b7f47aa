package dev.carrel.hub.staff;

import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code audit_log} table: written through the hub's one writer, read with filters, newest first. */
public final class AuditLog {

    /** One staff action. {@code actor} is empty when nobody was signed in (a refused or failed attempt). */
    public record Entry(
            long id,
            Instant at,
            Optional<String> actor,
            Optional<String> role,
            String via,
            String remote,
            String method,
            String path,
            int status,
            Optional<String> detail) {}

    /** What to look for; every part optional. {@code path} matches as a prefix, {@code before} pages by id. */
    public record Filter(
            Optional<String> actor,
            Optional<String> method,
            Optional<String> path,
            Optional<Instant> from,
            Optional<Instant> to,
            Optional<Long> before,
            int limit) {}

    private final Database database;
    private final StoreWriter writer;

    public AuditLog(Database database, StoreWriter writer) {
        this.database = database;
        this.writer = writer;
    }

    /** Queues the entry (its id is assigned by the database); it is durable with the next group commit. */
    public void record(Entry e) {
        writer.submit("audit " + e.method() + " " + e.path(), c -> insert(c, e), () -> {});
    }

    private static void insert(Connection c, Entry e) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO audit_log (at, actor, role, via, remote, method, path, status, detail)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, e.at().toEpochMilli());
            s.setString(2, e.actor().orElse(null));
            s.setString(3, e.role().orElse(null));
            s.setString(4, e.via());
            s.setString(5, e.remote());
            s.setString(6, e.method());
            s.setString(7, e.path());
            s.setInt(8, e.status());
            s.setString(9, e.detail().orElse(null));
            s.executeUpdate();
        }
    }

    public List<Entry> find(Filter f) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        f.actor().ifPresent(a -> clause(sql, args, " AND actor = ?", a));
        f.method().ifPresent(m -> clause(sql, args, " AND method = ?", m));
        f.path().ifPresent(p -> clause(sql, args, " AND substr(path, 1, length(?)) = ?", p, p));
        f.from().ifPresent(t -> clause(sql, args, " AND at >= ?", t.toEpochMilli()));
        f.to().ifPresent(t -> clause(sql, args, " AND at < ?", t.toEpochMilli()));
        f.before().ifPresent(id -> clause(sql, args, " AND id < ?", id));
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(f.limit());
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    s.setObject(i + 1, args.get(i));
                }
                List<Entry> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Entry(
                                r.getLong("id"),
                                Instant.ofEpochMilli(r.getLong("at")),
                                Optional.ofNullable(r.getString("actor")),
                                Optional.ofNullable(r.getString("role")),
                                r.getString("via"),
                                r.getString("remote"),
                                r.getString("method"),
                                r.getString("path"),
                                r.getInt("status"),
                                Optional.ofNullable(r.getString("detail"))));
                    }
                }
                return out;
            }
        });
    }

    private static void clause(StringBuilder sql, List<Object> args, String text, Object... values) {
        sql.append(text);
        args.addAll(List.of(values));
    }
}
