package dev.carrel.drivers.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.drivers.Power;
import dev.carrel.drivers.Presence;
import dev.carrel.drivers.PresenceFilter;
import dev.carrel.drivers.fake.FakeMqttLink;
import dev.carrel.drivers.fake.ManualScheduler;
import dev.carrel.drivers.fake.RecordingFaultListener;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NetworkDevicesTest {

    private final FakeMqttLink mqtt = new FakeMqttLink();
    private final ManualScheduler time = new ManualScheduler();
    private final RecordingFaultListener faults = new RecordingFaultListener();

    @Test
    void tasmota_powerOn_publishesCommandAndTracksResult() {
        var plug = new TasmotaOutlet("desk-4-outlet", "plug4", 0, mqtt, time, faults);
        plug.start();

        plug.power(true);
        mqtt.deliver("stat/plug4/RESULT", "{\"POWER\":\"ON\"}");

        assertEquals(
                new FakeMqttLink.Sent("cmnd/plug4/POWER", "", false),
                mqtt.published().get(0));
        assertEquals(
                new FakeMqttLink.Sent("cmnd/plug4/POWER", "ON", false),
                mqtt.published().get(1));
        assertEquals(Power.ON, plug.state().power());
    }

    @Test
    void tasmota_secondRelayAndEnergyTelemetry_areRead() {
        var plug = new TasmotaOutlet("o", "strip", 2, mqtt, time, faults);
        plug.start();

        mqtt.deliver("stat/strip/POWER1", "ON");
        mqtt.deliver("stat/strip/POWER2", "OFF");
        mqtt.deliver("tele/strip/SENSOR", "{\"Time\":\"x\",\"ENERGY\":{\"Total\":1.5,\"Power\":60}}");
        mqtt.deliver("tele/strip/SENSOR", "not json");

        assertEquals(Power.OFF, plug.state().power());
        assertEquals(60.0, plug.state().energy().orElseThrow().watts());
        assertEquals(1.5, plug.state().energy().orElseThrow().totalKwh());
    }

    @Test
    void tasmota_lwtOffline_faultsUntilOnline() {
        var plug = new TasmotaOutlet("o", "plug4", 0, mqtt, time, faults);
        plug.start();

        mqtt.deliver("tele/plug4/LWT", "Offline");
        assertTrue(plug.fault().isPresent());
        mqtt.deliver("tele/plug4/LWT", "Online");

        assertTrue(plug.fault().isEmpty());
        assertEquals(1, faults.faults().size());
        assertEquals(1, faults.recoveries().size());
    }

    @Test
    void shellyGen2_statusJson_givesPowerAndEnergy() {
        var plug = new ShellyOutlet("o", "shellyplusplugs-a1", 2, 0, mqtt, time, faults);
        plug.start();

        plug.power(false);
        mqtt.deliver(
                "shellyplusplugs-a1/status/switch:0",
                "{\"id\":0,\"output\":true,\"apower\":35.2,\"aenergy\":{\"total\":2500.0}}");

        assertEquals(
                "shellyplusplugs-a1/command/switch:0", mqtt.published().get(1).topic());
        assertEquals("off", mqtt.published().get(1).payload());
        assertEquals(Power.ON, plug.state().power());
        assertEquals(2.5, plug.state().energy().orElseThrow().totalKwh());
    }

    @Test
    void shellyGen1_relayPowerAndEnergyTopics_areRead() {
        var plug = new ShellyOutlet("o", "shellyplug-s-7", 1, 0, mqtt, time, faults);
        plug.start();

        plug.power(true);
        mqtt.deliver("shellies/shellyplug-s-7/relay/0", "on");
        mqtt.deliver("shellies/shellyplug-s-7/relay/0/power", "12.5");
        mqtt.deliver("shellies/shellyplug-s-7/relay/0/energy", "120000");
        mqtt.deliver("shellies/shellyplug-s-7/online", "false");

        assertEquals(
                "shellies/shellyplug-s-7/relay/0/command",
                mqtt.published().get(0).topic());
        assertEquals(Power.ON, plug.state().power());
        assertEquals(12.5, plug.state().energy().orElseThrow().watts());
        assertEquals(2.0, plug.state().energy().orElseThrow().totalKwh());
        assertTrue(plug.fault().isPresent());
    }

    @Test
    void zigbee_occupancyWithHold_andAvailabilityOffline() {
        var filter = new PresenceFilter("z", time, Duration.ZERO, Duration.ofSeconds(60));
        var sensor = new Zigbee2MqttPresence("z", "zigbee2mqtt", "room-3-pir", mqtt, filter, time, faults);
        sensor.start();

        mqtt.deliver("zigbee2mqtt/room-3-pir", "{\"occupancy\":true,\"battery\":97,\"linkquality\":120}");
        assertEquals(Presence.PRESENT, sensor.presence());
        mqtt.deliver("zigbee2mqtt/room-3-pir", "{\"occupancy\":false}");
        time.advance(Duration.ofSeconds(30));
        assertEquals(Presence.PRESENT, sensor.presence());
        time.advance(Duration.ofSeconds(31));
        assertEquals(Presence.ABSENT, sensor.presence());

        mqtt.deliver("zigbee2mqtt/room-3-pir/availability", "{\"state\":\"offline\"}");
        assertEquals(Presence.UNKNOWN, sensor.presence());
        assertTrue(sensor.fault().isPresent());
    }

    @Test
    void topicFilter_wildcards_matchPerMqttRules() {
        assertTrue(TopicFilter.matches("stat/plug/+", "stat/plug/RESULT"));
        assertTrue(TopicFilter.matches("zigbee2mqtt/#", "zigbee2mqtt/a/availability"));
        assertEquals(false, TopicFilter.matches("stat/plug/+", "stat/plug/a/b"));
        assertEquals(false, TopicFilter.matches("zigbee2mqtt/x", "zigbee2mqtt/x/availability"));
    }
}
