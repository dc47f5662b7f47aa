package dev.carrel.drivers.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.drivers.DriverFault;
import dev.carrel.drivers.FaultListener;
import dev.carrel.drivers.Presence;
import dev.carrel.drivers.PresenceChange;
import dev.carrel.drivers.PresenceFilter;
import dev.carrel.drivers.PresenceSensor;
import dev.carrel.drivers.Scheduler;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Zigbee occupancy sensor through Zigbee2MQTT (zigbee2mqtt.io, "MQTT topics and messages"):
 * state on {@code <base>/<friendly_name>} as JSON with {@code "occupancy": true|false};
 * availability, when enabled, on {@code <base>/<name>/availability} as {@code {"state":"online"}}
 * (2.x) or plain {@code online} (1.x). Occupancy is read-only: there is nothing to command.
 */
public final class Zigbee2MqttPresence implements PresenceSensor {

    private final String id;
    private final String topic;
    private final MqttLink mqtt;
    private final PresenceFilter filter;
    private final Availability availability;

    public Zigbee2MqttPresence(
            String id,
            String baseTopic,
            String friendlyName,
            MqttLink mqtt,
            PresenceFilter filter,
            Scheduler scheduler,
            FaultListener faults) {
        this.id = id;
        this.topic = baseTopic + "/" + friendlyName;
        this.mqtt = mqtt;
        this.filter = filter;
        this.availability = new Availability(id, scheduler, faults);
    }

    public void start() {
        mqtt.subscribe(topic, (t, p) -> Json.parse(p).ifPresent(this::state));
        mqtt.subscribe(topic + "/availability", (t, p) -> availability(t, p));
    }

    private void state(JsonNode j) {
        JsonNode o = j.get("occupancy");
        if (o != null && o.isBoolean()) {
            filter.raw(o.asBoolean());
        }
    }

    private void availability(String t, byte[] p) {
        String v = Json.parse(p).map(j -> j.path("state").asText("")).orElse(Json.text(p));
        boolean online = v.equalsIgnoreCase("online");
        availability.online(online, t);
        if (!online) {
            filter.unknown();
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Presence presence() {
        return filter.presence();
    }

    @Override
    public void onChange(Consumer<PresenceChange> listener) {
        filter.onChange(listener);
    }

    @Override
    public Optional<DriverFault> fault() {
        return availability.fault();
    }

    @Override
    public void close() {
        // The link is shared; the agent closes it.
    }
}
