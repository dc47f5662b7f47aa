package dev.carrel.drivers.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.drivers.Backoff;
import dev.carrel.drivers.fake.FakeI2cDevice;
import dev.carrel.drivers.fake.ManualScheduler;
import dev.carrel.drivers.fake.RecordingFaultListener;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class Mcp23017Test {

    private final FakeI2cDevice chip = new FakeI2cDevice();
    private final ManualScheduler time = new ManualScheduler();
    private final RecordingFaultListener faults = new RecordingFaultListener();
    private final Mcp23017 expander =
            new Mcp23017("mcp", chip, time, faults, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)));

    Mcp23017Test() {
        chip.preset(Mcp23017.IODIRA, 0xFF); // power-on default: all inputs (datasheet §3.5.1)
        chip.preset(Mcp23017.IODIRB, 0xFF);
    }

    @Test
    void start_writesLatchesBeforeDirection_soActiveLowRelaysStayOff() {
        expander.channel(0, true);
        expander.channel(9, true);
        expander.start();

        List<String> w = chip.writes();
        assertEquals(List.of("0A=00", "14=01", "15=02", "00=00", "01=00"), w);
    }

    @Test
    void channel_levels_writeTheRightLatchBits() {
        expander.start();
        OutputLine a3 = expander.channel(3, false);
        OutputLine b7 = expander.channel(15, false);

        a3.level(true);
        b7.level(true);

        assertEquals(0x08, chip.register(Mcp23017.OLATA));
        assertEquals(0x80, chip.register(Mcp23017.OLATB));
        assertTrue(a3.high());
    }

    @Test
    void i2cError_faultsRetriesAndRestoresLatchedStateOnReturn() {
        expander.start();
        RelayLamp lamp = new RelayLamp("seat-3-lamp", new Relay(expander.channel(2, true), true));
        chip.unplug();

        lamp.power(true);

        assertEquals(1, faults.faults().size());
        assertTrue(lamp.fault().isPresent());
        time.advance(Duration.ofSeconds(1)); // still unplugged
        assertEquals(2, faults.faults().size());

        chip.plugIn();
        time.advance(Duration.ofSeconds(2));

        assertFalse(lamp.fault().isPresent());
        assertEquals(0x00, chip.register(Mcp23017.OLATA) & 0x04, "active-low relay on = bit low");
        assertEquals(List.of("mcp"), faults.recoveries());
    }
}
