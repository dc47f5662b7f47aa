package dev.carrel.hub.enrolment;

import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import dev.carrel.provisioning.DeviceRole;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/** {@link EnrolmentStore} in the hub's SQLite file; writes go through the store writer (one writer). */
final class SqliteEnrolmentStore implements EnrolmentStore {
    private static final String TOKEN_COLUMNS =
            "id, role, zone, note, created_at, expires_at, used_at, used_by, revoked_at FROM enrolment_tokens";
    private static final String DEVICE_COLUMNS =
            "agent_id, role, zone, public_key, hostname, token_id, enrolled_at, revoked_at FROM enrolled_devices";

    private final Database database;
    private final StoreWriter writer;

    SqliteEnrolmentStore(Database database, StoreWriter writer) {
        this.database = database;
        this.writer = writer;
    }

    @Override
    public void addToken(PlannedDevice plan, String tokenHash) {
        write("enrolment token " + plan.id(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO enrolment_tokens"
                    + " (id, token_hash, role, zone, note, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, plan.id());
                s.setString(2, tokenHash);
                s.setString(3, plan.role().text());
                s.setString(4, plan.zone());
                s.setString(5, plan.note());
                s.setString(6, plan.createdAt().toString());
                s.setString(7, plan.expiresAt().toString());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public List<PlannedDevice> tokens() {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + TOKEN_COLUMNS + " ORDER BY created_at DESC")) {
                return tokens(s.executeQuery());
            }
        });
    }

    @Override
    public Optional<PlannedDevice> revokeToken(String id, Instant at) {
        return write("revoke enrolment token " + id, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE enrolment_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                s.setString(1, at.toString());
                s.setString(2, id);
                s.executeUpdate();
            }
            return token(c, "id", id);
        });
    }

    @Override
    public Redemption redeem(String tokenHash, Instant now, Function<PlannedDevice, NewDevice> made) {
        return write("redeem enrolment token", c -> {
            Optional<PlannedDevice> plan = token(c, "token_hash", tokenHash);
            if (plan.isEmpty()) {
                return new Refused(Refusal.UNKNOWN, plan);
            }
            Refusal refusal =
                    switch (plan.get().state(now)) {
                        case "revoked" -> Refusal.REVOKED;
                        case "used" -> Refusal.USED;
                        case "expired" -> Refusal.EXPIRED;
                        default -> null;
                    };
            if (refusal != null) {
                return new Refused(refusal, plan);
            }
            NewDevice device = made.apply(plan.get());
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE enrolment_tokens SET used_at = ?, used_by = ? WHERE id = ? AND used_at IS NULL")) {
                s.setString(1, now.toString());
                s.setString(2, device.agentId());
                s.setString(3, plan.get().id());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO enrolled_devices"
                    + " (agent_id, role, zone, public_key, hostname, token_id, enrolled_at) VALUES (?,?,?,?,?,?,?)")) {
                s.setString(1, device.agentId());
                s.setString(2, plan.get().role().text());
                s.setString(3, plan.get().zone());
                s.setString(4, device.publicKey());
                s.setString(5, device.hostname());
                s.setString(6, plan.get().id());
                s.setString(7, now.toString());
                s.executeUpdate();
            }
            return new Redeemed(token(c, "id", plan.get().id()).orElseThrow());
        });
    }

    @Override
    public List<EnrolledDevice> devices() {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + DEVICE_COLUMNS + " ORDER BY enrolled_at DESC")) {
                return devices(s.executeQuery());
            }
        });
    }

    @Override
    public Optional<EnrolledDevice> device(String agentId) {
        return read(c -> device(c, agentId));
    }

    @Override
    public Optional<EnrolledDevice> revokeDevice(String agentId, Instant at) {
        return write("revoke device " + agentId, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE enrolled_devices SET revoked_at = ? WHERE agent_id = ? AND revoked_at IS NULL")) {
                s.setString(1, at.toString());
                s.setString(2, agentId);
                s.executeUpdate();
            }
            return device(c, agentId);
        });
    }

    @Override
    public void log(
            Instant at,
            String action,
            Optional<String> tokenId,
            Optional<String> agentId,
            String detail,
            String remote) {
        write("enrolment log", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO enrolment_log"
                    + " (at, action, token_id, agent_id, detail, remote) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, at.toString());
                s.setString(2, action);
                s.setString(3, tokenId.orElse(null));
                s.setString(4, agentId.orElse(null));
                s.setString(5, detail);
                s.setString(6, remote);
                return s.executeUpdate();
            }
        });
    }

    private static Optional<PlannedDevice> token(Connection c, String column, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + TOKEN_COLUMNS + " WHERE " + column + " = ?")) {
            s.setString(1, value);
            return tokens(s.executeQuery()).stream().findFirst();
        }
    }

    private static Optional<EnrolledDevice> device(Connection c, String agentId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + DEVICE_COLUMNS + " WHERE agent_id = ?")) {
            s.setString(1, agentId);
            return devices(s.executeQuery()).stream().findFirst();
        }
    }

    private static List<PlannedDevice> tokens(ResultSet rs) throws SQLException {
        List<PlannedDevice> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(new PlannedDevice(
                        rs.getString(1),
                        DeviceRole.of(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        Instant.parse(rs.getString(5)),
                        Instant.parse(rs.getString(6)),
                        instant(rs.getString(7)),
                        Optional.ofNullable(rs.getString(8)),
                        instant(rs.getString(9))));
            }
        }
        return out;
    }

    private static List<EnrolledDevice> devices(ResultSet rs) throws SQLException {
        List<EnrolledDevice> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(new EnrolledDevice(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        Instant.parse(rs.getString(7)),
                        instant(rs.getString(8))));
            }
        }
        return out;
    }

    private static Optional<Instant> instant(String text) {
        return Optional.ofNullable(text).map(Instant::parse);
    }

    private <T> T read(Database.Read<T> query) {
        try {
            return database.read(query);
        } catch (SQLException e) {
            throw new IllegalStateException("enrolment store: " + e.getMessage(), e);
        }
    }

    private <T> T write(String what, StoreWriter.Query<T> query) {
        try {
            return writer.call(what, query).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
