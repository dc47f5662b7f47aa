package dev.carrel.agent.gate;

import dev.carrel.drivers.GateActuator;
import dev.carrel.drivers.Indicator;

/**
 * What a decision acts on: the gate relay and the reader's indicator (device-drivers ports), the kiosk and
 * its reminders, and the event record.
 */
public record GateEffects(
        GateActuator relay, Indicator indicator, KioskNotifier kiosk, Reminders reminders, EventSink events) {

    public GateEffects {
        if (relay == null || indicator == null || kiosk == null || reminders == null || events == null) {
            throw new IllegalArgumentException("every gate effect is required (use Reminders.NONE for none)");
        }
    }
}
