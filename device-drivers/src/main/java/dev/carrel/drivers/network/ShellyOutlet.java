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
 * A Shelly plug or relay over MQTT, either generation (Shelly API docs, "MQTT"):
 *
 * <ul>
 *   <li>Gen 1: {@code shellies/<id>/relay/<n>} {@code on|off}, command on {@code …/relay/<n>/command};
 *       {@code …/relay/<n>/power} in W and {@code …/relay/<n>/energy} in watt-minutes; {@code
 *       shellies/<id>/online} {@code true|false}.
 *   <li>Gen 2+ (Plus, Pro): {@code <id>/status/switch:<n>} JSON with {@code output}, {@code apower}
 *       W and {@code aenergy.total} Wh; command on {@code <id>/command/switch:<n>} {@code on|off};
 *       {@code <id>/online} {@code true|false}.
 * </ul>
 */
public final class ShellyOutlet implements Outlet {

    private final String id;
    private final String device;
    private final int generation;
    private final int channel;
    private final MqttLink mqtt;
    private final Scheduler scheduler;
    private final Availability availability;
    private final Listeners<OutletState> listeners;
    private volatile OutletState state = OutletState.UNKNOWN;
    private volatile double gen1Watts;

    public ShellyOutlet(
            String id,
            String device,
            int generation,
            int channel,
            MqttLink mqtt,
            Scheduler scheduler,
            FaultListener faults) {
        this.id = id;
        this.device = device;
        this.generation = generation;
        this.channel = channel;
        this.mqtt = mqtt;
        this.scheduler = scheduler;
        this.availability = new Availability(id, scheduler, faults);
        this.listeners = new Listeners<>(id);
    }

    public void start() {
        if (generation == 1) {
            String relay = "shellies/" + device + "/relay/" + channel;
            mqtt.subscribe(relay, (t, p) -> update(Json.text(p).equalsIgnoreCase("on") ? Power.ON : Power.OFF));
            mqtt.subscribe(relay + "/power", (t, p) -> gen1Power(Json.text(p)));
            mqtt.subscribe(relay + "/energy", (t, p) -> gen1Energy(Json.text(p)));
            mqtt.subscribe("shellies/" + device + "/online", (t, p) -> availability.online(isTrue(p), t));
        } else {
            mqtt.subscribe(device + "/status/switch:" + channel, (t, p) -> Json.parse(p)
                    .ifPresent(this::gen2Status));
            mqtt.subscribe(device + "/online", (t, p) -> availability.online(isTrue(p), t));
            mqtt.publish(device + "/command/switch:" + channel, ascii("status_update"), false);
        }
    }

    @Override
    public void power(boolean on) {
        String topic = generation == 1
                ? "shellies/" + device + "/relay/" + channel + "/command"
                : device + "/command/switch:" + channel;
        mqtt.publish(topic, ascii(on ? "on" : "off"), false);
    }

    private void gen2Status(JsonNode j) {
        if (j.path("output").isBoolean()) {
            update(j.path("output").asBoolean() ? Power.ON : Power.OFF);
        }
        if (j.path("apower").isNumber()) {
            double wh = j.path("aenergy").path("total").asDouble();
            energy(new EnergyReading(j.path("apower").asDouble(), wh / 1000.0, scheduler.now()));
        }
    }

    private void gen1Power(String v) {
        try {
            gen1Watts = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            // a malformed reading is ignored; the next one comes within 30 s
        }
    }

    private void gen1Energy(String v) {
        try {
            double wattMinutes = Double.parseDouble(v);
            energy(new EnergyReading(gen1Watts, wattMinutes / 60_000.0, scheduler.now()));
        } catch (NumberFormatException e) {
            // as above
        }
    }

    private void energy(EnergyReading r) {
        state = state.withEnergy(r);
        listeners.emit(state);
    }

    private void update(Power p) {
        if (p != state.power()) {
            state = state.withPower(p);
            listeners.emit(state);
        }
    }

    private static boolean isTrue(byte[] p) {
        return Json.text(p).equalsIgnoreCase("true");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
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
        // The link is shared; the agent closes it.
    }
}
