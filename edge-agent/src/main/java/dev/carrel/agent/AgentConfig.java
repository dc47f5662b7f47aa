package dev.carrel.agent;

import dev.carrel.protocol.AgentId;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One edge agent's settings, validated once. The YAML form is read by {@link AgentConfigFile}.
 *
 * @param keepAlive MQTT keep-alive; the hub knows the agent is gone within 1.5 × this (MQTT 5 §3.1.2.10)
 * @param telemetryInterval how often health is published
 */
public record AgentConfig(
        AgentId id,
        URI broker,
        String password,
        Path dataDir,
        Duration keepAlive,
        Duration telemetryInterval,
        String version) {

    public AgentConfig {
        require(id != null, "agent-id", "is required");
        require(broker != null, "broker.url", "is required");
        String scheme = broker.getScheme();
        require(
                "tcp".equals(scheme) || "ssl".equals(scheme),
                "broker.url",
                "must be tcp://host:port or ssl://host:port, not '" + broker + "'");
        require(broker.getHost() != null && broker.getPort() > 0, "broker.url", "needs a host and a port");
        require(password != null && !password.isEmpty(), "broker.password", "is required");
        require(dataDir != null, "data-dir", "is required");
        require(
                keepAlive != null && keepAlive.toSeconds() >= 1 && keepAlive.toSeconds() <= 3600,
                "keep-alive-seconds",
                "must be 1-3600");
        require(
                telemetryInterval != null && telemetryInterval.toMillis() >= 100,
                "telemetry-interval-seconds",
                "must be at least 0.1");
        require(version != null && !version.isBlank(), "version", "is required");
    }

    private static void require(boolean ok, String key, String reason) {
        if (!ok) {
            throw new IllegalArgumentException("configuration key '" + key + "' " + reason);
        }
    }
}
