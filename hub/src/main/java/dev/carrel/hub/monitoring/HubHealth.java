package dev.carrel.hub.monitoring;

import dev.carrel.hub.store.Database;
import dev.carrel.hub.store.StoreWriter;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The hub's readiness checks for {@code /observe/health}: any one DOWN makes it answer 503.
 *
 * <ul>
 *   <li>{@code store}: a real table can be read, and the one writer is running with its last commit good;
 *   <li>{@code broker}: the hub's MQTT session is connected (so the broker is up and accepts the hub).
 * </ul>
 */
public final class HubHealth {
    private HubHealth() {}

    public static HealthCheck store(Database database, StoreWriter writer) {
        return check("store", () -> {
            boolean reads = reads(database);
            boolean writes = writer.healthy();
            return HealthCheckResponse.builder()
                    .status(reads && writes)
                    .detail("reads", reads)
                    .detail("writer", writes)
                    .build();
        });
    }

    public static HealthCheck broker(BooleanSupplier connected) {
        return check("broker", () -> {
            boolean up = connected.getAsBoolean();
            return HealthCheckResponse.builder()
                    .status(up)
                    .detail("connected", up)
                    .build();
        });
    }

    private static boolean reads(Database database) {
        try {
            return database.read(c -> {
                // A real table, not "SELECT 1", which SQLite answers without touching the file.
                try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM agents WHERE id = ''");
                        ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            });
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static HealthCheck check(String name, Supplier<HealthCheckResponse> call) {
        return new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthCheckResponse call() {
                return call.get();
            }
        };
    }
}
