package dev.carrel.agent.bench;

import dev.carrel.agent.outbox.OutboxEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/** The same work without the outbox: plain JDBC inserts, plain Paho QoS 1 publishes with the same window. */
final class RawBaselines {
    private RawBaselines() {}

    /** Inserts with the outbox's pragmas and columns; returns events per second. */
    static double sqliteInserts(Path file, List<OutboxEntry> entries, int perCommit) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("PRAGMA locking_mode = EXCLUSIVE");
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = FULL");
            s.execute("CREATE TABLE raw (position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, session"
                    + " INTEGER NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, retention INTEGER NOT NULL,"
                    + " payload BLOB NOT NULL) STRICT");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO raw (id, session, seq, type, retention, payload) VALUES (?, ?, ?, ?, ?, ?)")) {
                long start = System.nanoTime();
                for (int i = 0; i < entries.size(); i++) {
                    OutboxEntry e = entries.get(i);
                    insert.setString(1, e.id().toString());
                    insert.setLong(2, e.session());
                    insert.setLong(3, e.seq());
                    insert.setString(4, e.type());
                    insert.setInt(5, e.retention().code());
                    insert.setBytes(6, e.payload());
                    insert.executeUpdate();
                    if ((i + 1) % perCommit == 0) {
                        c.commit();
                    }
                }
                c.commit();
                return entries.size() / seconds(start);
            }
        }
    }

    /** Publishes the payloads at QoS 1 with at most {@code window} unacknowledged; returns messages per second. */
    static double pahoPublishes(String broker, List<OutboxEntry> entries, int window) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(broker, "bench-raw", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName("bench-raw");
        o.setPassword("any".getBytes(StandardCharsets.UTF_8));
        client.connect(o).waitForCompletion(10_000);
        Semaphore slots = new Semaphore(window);
        MqttActionListener release = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                slots.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable exception) {
                slots.release();
            }
        };
        try {
            long start = System.nanoTime();
            for (OutboxEntry e : entries) {
                slots.acquire();
                client.publish("carrel/v1/agents/bench-raw/events/" + e.type(), e.payload(), 1, false, null, release);
            }
            if (!slots.tryAcquire(window, 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("raw publishes not acknowledged");
            }
            return entries.size() / seconds(start);
        } finally {
            disconnect(client);
        }
    }

    private static void disconnect(MqttAsyncClient client) throws MqttException {
        client.disconnect().waitForCompletion(5_000);
        client.close();
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
