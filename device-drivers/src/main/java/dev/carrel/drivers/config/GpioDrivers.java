package dev.carrel.drivers.config;

import dev.carrel.drivers.Device;
import dev.carrel.drivers.PresenceFilter;
import dev.carrel.drivers.gpio.GpioPins;
import dev.carrel.drivers.gpio.LineIndicator;
import dev.carrel.drivers.gpio.Mcp23017;
import dev.carrel.drivers.gpio.PirSensor;
import dev.carrel.drivers.gpio.Pull;
import dev.carrel.drivers.gpio.PwmLamp;
import dev.carrel.drivers.gpio.Relay;
import dev.carrel.drivers.gpio.RelayGate;
import dev.carrel.drivers.gpio.RelayLamp;
import dev.carrel.drivers.gpio.RelayOutlet;
import dev.carrel.drivers.gpio.WiegandReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Drivers on GPIO lines and on MCP23017 expanders (one expander shared by its channels). */
final class GpioDrivers implements DriverFamily {

    private final Wiring wiring;
    private final Map<String, Mcp23017> expanders = new HashMap<>();
    private GpioPins pins;

    GpioDrivers(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Set<String> names() {
        return Set.of(
                "gpio-relay-lamp",
                "gpio-relay-outlet",
                "gpio-pwm-lamp",
                "gpio-pir",
                "gpio-wiegand",
                "gpio-gate",
                "gpio-indicator",
                "mcp23017-relay-lamp",
                "mcp23017-relay-outlet");
    }

    @Override
    public Device create(String driver, Settings s) {
        return switch (driver) {
            case "gpio-relay-lamp" -> new RelayLamp(s.endpointId(), gpioRelay(s));
            case "gpio-relay-outlet" -> new RelayOutlet(s.endpointId(), gpioRelay(s));
            case "mcp23017-relay-lamp" -> new RelayLamp(s.endpointId(), expanderRelay(s));
            case "mcp23017-relay-outlet" -> new RelayOutlet(s.endpointId(), expanderRelay(s));
            case "gpio-pwm-lamp" -> pwmLamp(s);
            case "gpio-pir" -> pir(s);
            case "gpio-wiegand" -> wiegand(s);
            case "gpio-gate" -> gate(s);
            case "gpio-indicator" -> indicator(s);
            default -> throw new IllegalArgumentException(driver);
        };
    }

    private Relay gpioRelay(Settings s) {
        int pin = s.pin("pin");
        boolean activeLow = s.flag("active-low", false);
        s.rejectUnknown();
        return new Relay(pins().output(s.endpointId(), pin, activeLow), activeLow);
    }

    private Relay expanderRelay(Settings s) {
        int bus = s.integer("i2c-bus", 1, 0, 22);
        int address = s.integer("i2c-address", 0x20, 0x20, 0x27); // A2..A0 select 0x20-0x27
        int channel = s.integer("channel", 0, 15);
        boolean activeLow = s.flag("active-low", false);
        s.rejectUnknown();
        String key = "mcp23017-" + bus + "-" + Integer.toHexString(address);
        Mcp23017 chip = expanders.computeIfAbsent(key, k -> {
            Mcp23017 m =
                    new Mcp23017(k, pins().i2c(k, bus, address), wiring.scheduler(), wiring.faults(), wiring.backoff());
            m.start();
            return m;
        });
        return new Relay(chip.channel(channel, activeLow), activeLow);
    }

    private Device pwmLamp(Settings s) {
        int pin = s.integer("pin", 0, 27);
        if (pin != 12 && pin != 13 && pin != 18 && pin != 19) {
            throw s.error("pin", "must be a hardware PWM pin (12, 13, 18 or 19), was " + pin);
        }
        int hz = s.integer("frequency-hz", 1000, 1, 100_000);
        s.rejectUnknown();
        return new PwmLamp(s.endpointId(), pins().pwm(s.endpointId(), pin, hz));
    }

    private Device pir(Settings s) {
        int pin = s.pin("pin");
        boolean activeLow = s.flag("active-low", false);
        Pull pull = s.choice("pull", Pull.class, Pull.DOWN);
        Duration debounce = s.millis("debounce-ms", 0, 600_000);
        Duration hold = s.millis("hold-ms", 60_000, 3_600_000);
        s.rejectUnknown();
        var filter = new PresenceFilter(s.endpointId(), wiring.scheduler(), debounce, hold);
        // Pi4J's own 10 ms debounce stays on: it filters electrical bounce; ours filters people.
        var line = pins().input(s.endpointId(), pin, pull, Duration.ofMillis(10));
        return new PirSensor(s.endpointId(), line, activeLow, filter);
    }

    private Device wiegand(Settings s) {
        int d0 = s.pin("d0-pin");
        int d1 = s.pin("d1-pin");
        if (d0 == d1) {
            throw s.error("d1-pin", "must differ from d0-pin");
        }
        Duration gap = s.millis("frame-gap-ms", WiegandReader.FRAME_GAP.toMillis(), 1000);
        s.rejectUnknown();
        String id = s.endpointId();
        return new WiegandReader(
                id,
                pins().input(id + "-d0", d0, Pull.UP, Duration.ZERO),
                pins().input(id + "-d1", d1, Pull.UP, Duration.ZERO),
                wiring.scheduler(),
                gap);
    }

    private Device gate(Settings s) {
        int pin = s.pin("pin");
        boolean activeLow = s.flag("active-low", false);
        var timing = new RelayGate.Timing(
                s.millis("pulse-ms", 3000, 60_000),
                s.millis("max-open-ms", 10_000, 120_000),
                s.millis("lockout-ms", 5000, 600_000));
        s.rejectUnknown();
        Relay relay = new Relay(pins().output(s.endpointId(), pin, activeLow), activeLow);
        return new RelayGate(s.endpointId(), relay, wiring.scheduler(), timing);
    }

    private Device indicator(Settings s) {
        int green = s.pin("green-pin");
        int red = s.pin("red-pin");
        Optional<Integer> buzzer = s.optionalInteger("buzzer-pin", 0, 27);
        boolean activeLow = s.flag("active-low", true);
        s.rejectUnknown();
        String id = s.endpointId();
        GpioPins p = pins();
        return new LineIndicator(
                id,
                new Relay(p.output(id + "-green", green, activeLow), activeLow),
                new Relay(p.output(id + "-red", red, activeLow), activeLow),
                buzzer.map(b -> new Relay(p.output(id + "-buzzer", b, activeLow), activeLow)),
                wiring.scheduler());
    }

    private GpioPins pins() {
        if (pins == null) {
            pins = wiring.hardware().gpio().get();
        }
        return pins;
    }

    @Override
    public void close() {
        expanders.values().forEach(Mcp23017::close);
        expanders.clear();
    }
}
