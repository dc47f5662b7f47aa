package dev.carrel.drivers.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import dev.carrel.drivers.Device;
import dev.carrel.drivers.FaultListener;
import dev.carrel.drivers.GateActuator;
import dev.carrel.drivers.Hardware;
import dev.carrel.drivers.Lamp;
import dev.carrel.drivers.LampState;
import dev.carrel.drivers.Outlet;
import dev.carrel.drivers.fake.FakeI2cDevice;
import dev.carrel.drivers.fake.FakeLamp;
import dev.carrel.drivers.fake.ManualScheduler;
import dev.carrel.drivers.gpio.GpioPins;
import dev.carrel.drivers.gpio.I2cDevice;
import dev.carrel.drivers.gpio.InputLine;
import dev.carrel.drivers.gpio.OutputLine;
import dev.carrel.drivers.gpio.Pi4jGpio;
import dev.carrel.drivers.gpio.Pull;
import dev.carrel.drivers.gpio.PwmLine;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DriverFactoryTest {

    private final Context pi4j = Pi4J.newContextBuilder()
            .add(new MockPlatform())
            .add(
                    MockDigitalInputProvider.newInstance(),
                    MockDigitalOutputProvider.newInstance(),
                    MockPwmProvider.newInstance())
            .build();
    private final FakeI2cDevice expanderChip = new FakeI2cDevice();
    private final ManualScheduler time = new ManualScheduler();
    private final DriverFactory factory =
            new DriverFactory(Hardware.none().withGpio(pinsWithFakeI2c()), time, FaultListener.ignoring());

    /** Pi4J mock lines, but the I2C bus is a fake register map. */
    private GpioPins pinsWithFakeI2c() {
        Pi4jGpio real = new Pi4jGpio(pi4j);
        return new GpioPins() {
            @Override
            public OutputLine output(String id, int pin, boolean restHigh) {
                return real.output(id, pin, restHigh);
            }

            @Override
            public InputLine input(String id, int pin, Pull pull, Duration debounce) {
                return real.input(id, pin, pull, debounce);
            }

            @Override
            public PwmLine pwm(String id, int pin, int frequencyHz) {
                return real.pwm(id, pin, frequencyHz);
            }

            @Override
            public I2cDevice i2c(String id, int bus, int address) {
                return expanderChip;
            }
        };
    }

    @AfterEach
    void shutdown() {
        factory.close();
        pi4j.shutdown();
    }

    private static EndpointSpec spec(String driver, Map<String, String> settings) {
        return new EndpointSpec("seat-12", driver, settings);
    }

    @Test
    void create_gpioRelayLamp_returnsWorkingLamp() {
        Lamp lamp = factory.create(spec("gpio-relay-lamp", Map.of("pin", "17", "active-low", "true")), Lamp.class);

        lamp.power(true);

        assertEquals(LampState.FULL, lamp.state());
        assertEquals("seat-12", lamp.id());
    }

    @Test
    void create_missingPin_namesEndpointAndKey() {
        var e = assertThrows(EndpointConfigException.class, () -> factory.create(spec("gpio-relay-lamp", Map.of())));

        assertEquals("seat-12", e.endpointId());
        assertEquals("pin", e.key());
        assertTrue(e.getMessage().contains("'seat-12'") && e.getMessage().contains("'pin'"), e.getMessage());
    }

    @Test
    void create_pinNotANumber_namesKeyAndValue() {
        var e = assertThrows(
                EndpointConfigException.class, () -> factory.create(spec("gpio-relay-lamp", Map.of("pin", "GPIO17"))));

        assertEquals("pin", e.key());
        assertTrue(e.getMessage().contains("GPIO17"), e.getMessage());
    }

    @Test
    void create_misspeltKey_isRejectedNotIgnored() {
        var e = assertThrows(
                EndpointConfigException.class,
                () -> factory.create(spec("gpio-relay-lamp", Map.of("pin", "17", "activelow", "true"))));

        assertEquals("activelow", e.key());
    }

    @Test
    void create_unknownDriver_listsKnownDrivers() {
        var e = assertThrows(EndpointConfigException.class, () -> factory.create(spec("x10-lamp", Map.of())));

        assertEquals("driver", e.key());
        assertTrue(e.getMessage().contains("gpio-relay-lamp"), e.getMessage());
    }

    @Test
    void create_driverOfWrongPort_isRejected() {
        var e = assertThrows(
                EndpointConfigException.class, () -> factory.create(spec("fake-outlet", Map.of()), Lamp.class));

        assertTrue(e.getMessage().contains("not a Lamp"), e.getMessage());
    }

    @Test
    void create_pwmLampOnNonPwmPin_isRejected() {
        var e = assertThrows(
                EndpointConfigException.class, () -> factory.create(spec("gpio-pwm-lamp", Map.of("pin", "17"))));

        assertEquals("pin", e.key());
    }

    @Test
    void create_twoExpanderChannels_shareOneChip() {
        Outlet a = factory.create(
                new EndpointSpec("a", "mcp23017-relay-outlet", Map.of("channel", "0", "i2c-address", "0x20")),
                Outlet.class);
        Outlet b = factory.create(new EndpointSpec("b", "mcp23017-relay-outlet", Map.of("channel", "8")), Outlet.class);

        a.power(true);
        b.power(true);

        assertEquals(0x01, expanderChip.register(0x14));
        assertEquals(0x01, expanderChip.register(0x15));
    }

    @Test
    void create_gateWithTiming_closesAfterPulse() {
        GateActuator gate = factory.create(
                spec("gpio-gate", Map.of("pin", "22", "pulse-ms", "1500", "max-open-ms", "5000")), GateActuator.class);

        gate.pulse();
        time.advance(Duration.ofMillis(1500));

        assertEquals(dev.carrel.drivers.GateState.CLOSED, gate.state());
    }

    @Test
    void create_fakeDimmableLamp_forSimulatedAgents() {
        Device d = factory.create(spec("fake-lamp", Map.of("dimmable", "yes")));

        assertInstanceOf(FakeLamp.class, d);
        assertTrue(((Lamp) d).dimmable());
    }

    @Test
    void create_gpioOnHostWithoutGpio_failsNamingEndpoint() {
        var noGpio = new DriverFactory(Hardware.none(), time, FaultListener.ignoring());

        var e = assertThrows(
                IllegalStateException.class, () -> noGpio.create(spec("gpio-relay-outlet", Map.of("pin", "5"))));

        assertTrue(e.getMessage().contains("seat-12"), e.getMessage());
        assertFalse(noGpio.drivers().isEmpty());
    }
}
