package dev.carrel.agent;

import dev.carrel.agent.devices.AgentDevices;
import dev.carrel.agent.seats.SeatBinding;
import dev.carrel.agent.seats.SeatSessions;
import dev.carrel.drivers.Presence;
import dev.carrel.drivers.PresenceSensor;
import dev.carrel.protocol.EventBody;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Feeds every presence sensor's changes to the events, and a seat's sensor to its seat session. */
final class SeatSensors {
    private final AgentDevices devices;
    private final SeatSessions seats;
    private final Events events;

    SeatSensors(AgentDevices devices, SeatSessions seats, Events events) {
        this.devices = devices;
        this.seats = seats;
        this.events = events;
    }

    void listen(List<SeatBinding> bindings) {
        Map<String, String> seatOfSensor = new HashMap<>();
        bindings.forEach(b -> b.presence().ifPresent(sensor -> seatOfSensor.put(sensor, b.seatId())));
        for (PresenceSensor sensor : devices.all(PresenceSensor.class)) {
            Optional<String> seat = Optional.ofNullable(seatOfSensor.get(sensor.id()));
            sensor.onChange(change -> {
                if (change.presence() == Presence.UNKNOWN) {
                    return; // a sensor fault; the fault event says so
                }
                boolean present = change.presence() == Presence.PRESENT;
                events.publish(new EventBody.PresenceChanged(sensor.id(), present, Optional.empty()));
                seat.ifPresent(s -> seats.presence(s, present));
            });
        }
    }
}
