package dev.carrel.drivers.smoke;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import dev.carrel.drivers.Backoff;
import dev.carrel.drivers.CredentialReader;
import dev.carrel.drivers.Device;
import dev.carrel.drivers.DriverFault;
import dev.carrel.drivers.FaultListener;
import dev.carrel.drivers.GateActuator;
import dev.carrel.drivers.Hardware;
import dev.carrel.drivers.Indicator;
import dev.carrel.drivers.Lamp;
import dev.carrel.drivers.Outlet;
import dev.carrel.drivers.PresenceSensor;
import dev.carrel.drivers.Signal;
import dev.carrel.drivers.SystemScheduler;
import dev.carrel.drivers.config.DriverFactory;
import dev.carrel.drivers.config.EndpointSpec;
import dev.carrel.drivers.gpio.Pi4jGpio;
import dev.carrel.drivers.network.PahoMqttLink;
import dev.carrel.drivers.serial.JSerialCommPorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Exercises each device given on the command line, on a real Pi. Outputs switch on and off, the
 * gate pulses, the indicator shows each signal; sensors and readers are listened to for {@code
 * --listen} seconds (default 30) while their events are printed. Never run in CI.
 *
 * <pre>
 * java -cp 'device-drivers/target/*:device-drivers/target/lib/*' dev.carrel.drivers.smoke.SmokeTest \
 *   [--mqtt tcp://hub:1883] [--listen 30] \
 *   seat-1-lamp=gpio-relay-lamp:pin=17,active-low=true  desk-reader=pn532:port=/dev/ttyS0
 * </pre>
 */
public final class SmokeTest {

    public static void main(String[] args) throws Exception {
        Optional<String> mqttUri = Optional.empty();
        int listenSeconds = 30;
        List<EndpointSpec> specs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mqtt" -> mqttUri = Optional.of(args[++i]);
                case "--listen" -> listenSeconds = Integer.parseInt(args[++i]);
                default -> specs.add(parse(args[i]));
            }
        }
        if (specs.isEmpty()) {
            System.err.println("usage: SmokeTest [--mqtt URI] [--listen S] id=driver:key=value,key=value ...");
            System.exit(2);
        }
        try (SystemScheduler scheduler = new SystemScheduler()) {
            run(specs, mqttUri, listenSeconds, scheduler);
        }
    }

    /** {@code id=driver:key=value,key=value}. */
    static EndpointSpec parse(String arg) {
        int eq = arg.indexOf('=');
        int colon = arg.indexOf(':', eq);
        String id = arg.substring(0, eq);
        String driver = colon < 0 ? arg.substring(eq + 1) : arg.substring(eq + 1, colon);
        Map<String, String> settings = new LinkedHashMap<>();
        if (colon >= 0) {
            for (String kv : arg.substring(colon + 1).split(",")) {
                int e = kv.indexOf('=');
                settings.put(kv.substring(0, e), kv.substring(e + 1));
            }
        }
        return new EndpointSpec(id, driver, settings);
    }

    private static void run(List<EndpointSpec> specs, Optional<String> mqttUri, int listen, SystemScheduler scheduler)
            throws InterruptedException {
        Context[] pi4j = {null};
        Optional<PahoMqttLink> mqtt = mqttUri.map(u -> new PahoMqttLink(
                new PahoMqttLink.Settings(
                        u, "carrel-smoke-" + ProcessHandle.current().pid(), Optional.empty(), Optional.empty()),
                scheduler,
                Backoff.DEFAULT));
        mqtt.ifPresent(PahoMqttLink::start);
        Hardware hw = new Hardware(
                () -> new Pi4jGpio(pi4j[0] = Pi4J.newAutoContext()),
                new JSerialCommPorts(),
                () -> mqtt.orElseThrow(() -> new IllegalStateException("pass --mqtt for network devices")));
        List<Device> devices = new ArrayList<>();
        try (DriverFactory factory = new DriverFactory(hw, scheduler, printingFaults())) {
            for (EndpointSpec s : specs) {
                devices.add(factory.create(s));
                System.out.println("created " + s.id() + " (" + s.driver() + ")");
            }
            for (Device d : devices) {
                exercise(d);
            }
            System.out.println("listening " + listen + " s for presence and credentials...");
            Thread.sleep(listen * 1000L);
        } finally {
            devices.forEach(Device::close);
            mqtt.ifPresent(PahoMqttLink::close);
            if (pi4j[0] != null) {
                pi4j[0].shutdown();
            }
        }
    }

    private static void exercise(Device d) throws InterruptedException {
        switch (d) {
            case Lamp l -> {
                l.power(true);
                pause(d, "on: " + l.state());
                if (l.dimmable()) {
                    l.brightness(30);
                    pause(d, "30 %: " + l.state());
                }
                l.power(false);
                System.out.println(d.id() + " off: " + l.state());
            }
            case Outlet o -> {
                o.onChange(s -> System.out.println(d.id() + " state " + s));
                o.power(true);
                pause(d, "on requested");
                o.power(false);
            }
            case GateActuator g -> {
                g.pulse();
                pause(d, "pulsed: " + g.state());
            }
            case Indicator i -> {
                for (Signal s : Signal.values()) {
                    i.show(s);
                    pause(d, "showing " + s);
                }
                i.clear();
            }
            case PresenceSensor p -> p.onChange(c -> System.out.println(d.id() + " " + c.presence() + " at " + c.at()));
            case CredentialReader r ->
                r.onCredential(c -> System.out.println(
                        d.id() + " read " + c.kind() + " " + c.value().length() + " chars (value not printed)"));
            default -> System.out.println(d.id() + ": nothing to exercise");
        }
        d.fault().ifPresent(f -> System.out.println(d.id() + " FAULT " + f.reason()));
    }

    private static void pause(Device d, String what) throws InterruptedException {
        System.out.println(d.id() + " " + what);
        Thread.sleep(2000);
    }

    private static FaultListener printingFaults() {
        return new FaultListener() {
            @Override
            public void faulted(DriverFault f) {
                System.out.println(f.deviceId() + " FAULT " + f.reason() + " (retry in " + f.retryIn() + ")");
            }

            @Override
            public void recovered(String deviceId, Instant at) {
                System.out.println(deviceId + " recovered");
            }
        };
    }

    private SmokeTest() {}
}
