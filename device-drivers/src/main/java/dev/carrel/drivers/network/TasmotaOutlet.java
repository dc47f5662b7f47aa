package dev.carrel.drivers.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carrel.drivers.DriverFault;
import dev.carrel.drivers.EnergyReading;
import dev.carrel.drivers.FaultListener;
import dev.carrel.drivers.Listeners;
import dev.carrel.drivers.Outlet;
import dev.carrel.drivers.OutletState;
import dev.carrel.drivers.Power;
import dev.carrel.drivers.Scheduler;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Tasmota smart plug (default FullTopic {@code %prefix%/%topic%/}, tasmota docs MQTT.md):
 * commands on {@code cmnd/<t>/POWER<n>} ({@code ON|OFF}, empty = query); state from {@code
 * stat/<t>/RESULT} {@code {"POWER":"ON"}}, {@code stat/<t>/POWER<n>} and the periodic {@code
 * tele/<t>/STATE}; energy from {@code tele/<t>/SENSOR} {@code {"ENERGY":{"Power":…,"Total":…}}};
 * availability from the retained {@code tele/<t>/LWT} {@code Online|Offline}.
 */
public final class TasmotaOutlet implements Outlet {

    private final String id;
    private final String topic;
    private final String power; // POWER, or POWER<n> on a multi-relay device
    private final MqttLink mqtt;
    private final Scheduler scheduler;
    private final Availability availability;
    private final Listeners<OutletState> listeners;
    private volatile OutletState state = OutletState.UNKNOWN;

    /** @param relay 0 for a single-relay plug ({@code POWER}), else 1–8 ({@code POWER<n>}) */
    public TasmotaOutlet(String id, String topic, int relay, MqttLink mqtt, Scheduler scheduler, FaultListener faults) {
        this.id = id;
        this.topic = topic;
        this.power = relay == 0 ? "POWER" : "POWER" + relay;
        this.mqtt = mqtt;
        this.scheduler = scheduler;
        this.availability = new Availability(id, scheduler, faults);
        this.listeners = new Listeners<>(id);
    }

    /** Subscribes and asks the plug for its state. */
    public void start() {
        mqtt.subscribe("stat/" + topic + "/+", this::stat);
        mqtt.subscribe("tele/" + topic + "/+", this::tele);
        mqtt.publish("cmnd/" + topic + "/" + power, new byte[0], false);
    }

    @Override
    public void power(boolean on) {
        mqtt.publish("cmnd/" + topic + "/" + power, (on ? "ON" : "OFF").getBytes(StandardCharsets.US_ASCII), false);
    }

    private void stat(String t, byte[] payload) {
        String leaf = t.substring(t.lastIndexOf('/') + 1);
        if (leaf.equals(power)) {
            update(parsePower(Json.text(payload)));
        } else if (leaf.equals("RESULT")) {
            Json.parse(payload).ifPresent(this::powerField);
        }
    }

    private void tele(String t, byte[] payload) {
        String leaf = t.substring(t.lastIndexOf('/') + 1);
        switch (leaf) {
            case "LWT" -> availability.online(Json.text(payload).equalsIgnoreCase("Online"), t);
            case "STATE" -> Json.parse(payload).ifPresent(this::powerField);
            case "SENSOR" -> Json.parse(payload).map(j -> j.path("ENERGY")).ifPresent(this::energy);
            default -> {}
        }
    }

    private void powerField(JsonNode j) {
        JsonNode p = j.get(power);
        if (p == null && power.equals("POWER")) {
            p = j.get("POWER1"); // a single-relay plug may report POWER1 after SetOption26
        }
        if (p != null && p.isTextual()) {
            update(parsePower(p.asText()));
        }
    }

    private void energy(JsonNode e) {
        if (e.isObject() && e.path("Power").isNumber()) {
            EnergyReading r = new EnergyReading(
                    e.path("Power").asDouble(), e.path("Total").asDouble(), scheduler.now());
            state = state.withEnergy(r);
            listeners.emit(state);
        }
    }

    private static Power parsePower(String v) {
        return switch (v.toUpperCase(java.util.Locale.ROOT)) {
            case "ON", "1" -> Power.ON;
            case "OFF", "0" -> Power.OFF;
            default -> Power.UNKNOWN;
        };
    }

    private void update(Power p) {
        if (p == Power.UNKNOWN || p == state.power()) {
            return;
        }
        state = state.withPower(p);
        listeners.emit(state);
    }

    @Override
    public OutletState state() {
        return state;
    }

    @Override
    public void onChange(Consumer<OutletState> listener) {
        listeners.add(listener);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Optional<DriverFault> fault() {
        return availability.fault();
    }

    @Override
    public void close() {
        // The link is shared by all network devices; the agent closes it.
    }
}
