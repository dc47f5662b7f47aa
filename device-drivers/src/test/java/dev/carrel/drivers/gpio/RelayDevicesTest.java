package dev.carrel.drivers.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.drivers.LampState;
import dev.carrel.drivers.OutletState;
import dev.carrel.drivers.Power;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelayDevicesTest {

    private final MockPi pi = new MockPi();

    @AfterEach
    void shutdown() {
        pi.close();
    }

    @Test
    void relayLamp_activeLow_restsHighAndDrivesLowWhenOn() {
        RelayLamp lamp = new RelayLamp("lamp", new Relay(pi.gpio.output("lamp", 17, true), true));

        assertTrue(pi.outputHigh("lamp"));
        assertEquals(LampState.OFF, lamp.state());

        lamp.power(true);

        assertFalse(pi.outputHigh("lamp"));
        assertEquals(LampState.FULL, lamp.state());
    }

    @Test
    void relayLamp_activeHigh_brightnessZeroSwitchesOff() {
        RelayLamp lamp = new RelayLamp("lamp", new Relay(pi.gpio.output("lamp", 17, false), false));
        lamp.brightness(40);
        assertTrue(pi.outputHigh("lamp"));

        lamp.brightness(0);

        assertFalse(pi.outputHigh("lamp"));
        assertThrows(IllegalArgumentException.class, () -> lamp.brightness(101));
    }

    @Test
    void relayOutlet_switched_reportsStateAndTellsListenerOnce() {
        RelayOutlet outlet = new RelayOutlet("outlet", new Relay(pi.gpio.output("outlet", 27, true), true));
        List<OutletState> seen = new ArrayList<>();
        outlet.onChange(seen::add);

        outlet.power(true);
        outlet.power(true);

        assertEquals(Power.ON, outlet.state().power());
        assertEquals(1, seen.size());
        assertTrue(outlet.state().energy().isEmpty());
    }

    @Test
    void pwmLamp_brightness_setsDutyAndPowerRestoresLastLevel() {
        PwmLamp lamp = new PwmLamp("dim", pi.gpio.pwm("dim", 18, 1000));

        lamp.brightness(40);
        assertEquals(new LampState(true, 40), lamp.state());

        lamp.power(false);
        assertEquals(LampState.OFF, lamp.state());

        lamp.power(true);
        assertEquals(new LampState(true, 40), lamp.state());
        assertTrue(lamp.dimmable());
    }
}
