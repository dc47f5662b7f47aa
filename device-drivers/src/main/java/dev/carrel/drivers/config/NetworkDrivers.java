package dev.carrel.drivers.config;

import dev.carrel.drivers.Device;
import dev.carrel.drivers.PresenceFilter;
import dev.carrel.drivers.network.MqttLink;
import dev.carrel.drivers.network.ShellyOutlet;
import dev.carrel.drivers.network.TasmotaOutlet;
import dev.carrel.drivers.network.Zigbee2MqttPresence;
import java.time.Duration;
import java.util.Set;

/** Smart plugs and Zigbee sensors over the agent's MQTT link. */
final class NetworkDrivers implements DriverFamily {

    private final Wiring wiring;

    NetworkDrivers(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Set<String> names() {
        return Set.of("tasmota-outlet", "shelly-outlet", "zigbee2mqtt-presence");
    }

    @Override
    public Device create(String driver, Settings s) {
        return switch (driver) {
            case "tasmota-outlet" -> tasmota(s);
            case "shelly-outlet" -> shelly(s);
            case "zigbee2mqtt-presence" -> zigbee(s);
            default -> throw new IllegalArgumentException(driver);
        };
    }

    private Device tasmota(Settings s) {
        String topic = topicLevel(s, "topic");
        int relay = s.integer("relay", 0, 0, 8);
        s.rejectUnknown();
        var o = new TasmotaOutlet(s.endpointId(), topic, relay, mqtt(), wiring.scheduler(), wiring.faults());
        o.start();
        return o;
    }

    private Device shelly(Settings s) {
        String device = topicLevel(s, "device-id");
        int generation = s.integer("generation", 2, 1, 4);
        int channel = s.integer("channel", 0, 0, 3);
        s.rejectUnknown();
        var o = new ShellyOutlet(
                s.endpointId(), device, generation, channel, mqtt(), wiring.scheduler(), wiring.faults());
        o.start();
        return o;
    }

    private Device zigbee(Settings s) {
        String name = topicLevel(s, "friendly-name");
        String base = topicLevel(s, "base-topic", "zigbee2mqtt");
        Duration debounce = s.millis("debounce-ms", 0, 600_000);
        Duration hold = s.millis("hold-ms", 60_000, 3_600_000);
        s.rejectUnknown();
        var filter = new PresenceFilter(s.endpointId(), wiring.scheduler(), debounce, hold);
        var z = new Zigbee2MqttPresence(
                s.endpointId(), base, name, mqtt(), filter, wiring.scheduler(), wiring.faults());
        z.start();
        return z;
    }

    private static String topicLevel(Settings s, String key) {
        return check(s, key, s.string(key));
    }

    private static String topicLevel(Settings s, String key, String fallback) {
        return check(s, key, s.string(key, fallback));
    }

    /** Wildcards in a device topic would subscribe to other devices' messages. */
    private static String check(Settings s, String key, String v) {
        if (v.contains("+") || v.contains("#")) {
            throw s.error(key, "must not contain MQTT wildcards, was '" + v + "'");
        }
        return v;
    }

    private MqttLink mqtt() {
        return wiring.hardware().mqtt().get();
    }
}
