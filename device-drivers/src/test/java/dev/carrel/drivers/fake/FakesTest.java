package dev.carrel.drivers.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.drivers.Credential;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.EnergyReading;
import dev.carrel.drivers.GateState;
import dev.carrel.drivers.LampState;
import dev.carrel.drivers.OutletState;
import dev.carrel.drivers.Power;
import dev.carrel.drivers.Presence;
import dev.carrel.drivers.PresenceChange;
import dev.carrel.drivers.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FakesTest {

    @Test
    void fakePresence_set_notifiesOnlyOnChange() {
        var sensor = new FakePresenceSensor("pir");
        List<PresenceChange> seen = new ArrayList<>();
        sensor.onChange(seen::add);

        sensor.set(Presence.PRESENT);
        sensor.set(Presence.PRESENT);
        sensor.set(Presence.ABSENT);

        assertEquals(
                List.of(Presence.PRESENT, Presence.ABSENT),
                seen.stream().map(PresenceChange::presence).toList());
    }

    @Test
    void fakeReader_present_deliversCredentialWithReaderId() {
        var reader = new FakeCredentialReader("desk-7");
        List<Credential> seen = new ArrayList<>();
        reader.onCredential(seen::add);

        reader.present(CredentialKind.CARD_UID, "04A1B2C3", Instant.EPOCH);

        assertEquals(List.of(new Credential(CredentialKind.CARD_UID, "04A1B2C3", "desk-7", Instant.EPOCH)), seen);
        assertTrue(!seen.get(0).toString().contains("04A1B2C3"), "toString must not leak the raw value");
    }

    @Test
    void fakeOutlet_buttonAndMeter_reachListeners() {
        var outlet = new FakeOutlet("plug");
        List<OutletState> seen = new ArrayList<>();
        outlet.onChange(seen::add);

        outlet.pressButton();
        outlet.meter(new EnergyReading(42.5, 1.25, Instant.EPOCH));

        assertEquals(Power.ON, seen.get(0).power());
        assertEquals(42.5, seen.get(1).energy().orElseThrow().watts());
        assertEquals(0, outlet.commands());
    }

    @Test
    void fakeLamp_dimmable_keepsHistory() {
        var lamp = new FakeLamp("lamp", true);
        lamp.brightness(30);
        lamp.power(false);

        assertEquals(List.of(new LampState(true, 30), LampState.OFF), lamp.history());
    }

    @Test
    void fakeGateAndIndicator_recordWhatTheyWereTold() {
        var gate = new FakeGateActuator("gate");
        var led = new FakeIndicator("led");

        gate.pulse();
        led.show(Signal.ACCEPT);

        assertEquals(GateState.OPEN, gate.state());
        assertEquals(List.of(Duration.ofSeconds(3)), gate.pulses());
        assertEquals(Optional.of(Signal.ACCEPT), led.current());
        gate.passThrough();
        led.clear();
        assertEquals(GateState.CLOSED, gate.state());
        assertEquals(Optional.empty(), led.current());
    }

    @Test
    void fakeDevice_fail_reportsFaultUntilRecovered() {
        var lamp = new FakeLamp("lamp", false);
        lamp.fail("relay board unpowered");
        assertEquals("relay board unpowered", lamp.fault().orElseThrow().reason());
        lamp.recover();
        assertTrue(lamp.fault().isEmpty());
    }

    @Test
    void manualScheduler_advance_runsDueTasksInOrderAndSkipsCancelled() {
        var time = new ManualScheduler();
        List<String> ran = new ArrayList<>();
        time.schedule(Duration.ofSeconds(2), () -> ran.add("b"));
        time.schedule(Duration.ofSeconds(1), () -> ran.add("a"));
        time.schedule(Duration.ofSeconds(3), () -> ran.add("c")).cancel();

        time.advance(Duration.ofSeconds(5));

        assertEquals(List.of("a", "b"), ran);
        assertEquals(0, time.pendingTasks());
    }
}
