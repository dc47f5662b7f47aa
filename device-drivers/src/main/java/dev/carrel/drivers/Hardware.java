package dev.carrel.drivers;

import dev.carrel.drivers.gpio.GpioPins;
import dev.carrel.drivers.network.MqttLink;
import dev.carrel.drivers.serial.SerialPorts;
import java.util.function.Supplier;

/**
 * Where the factory gets hardware from. Each is fetched only when an endpoint needs it, so an agent
 * with only network plugs never touches GPIO. {@link #none()} fails clearly for anything asked.
 *
 * @param gpio GPIO lines, typically {@code new Pi4jGpio(Pi4J.newAutoContext())}
 * @param serial serial ports, typically {@code new JSerialCommPorts()}
 * @param mqtt the link to the broker the smart plugs and Zigbee2MQTT talk to
 */
public record Hardware(Supplier<GpioPins> gpio, SerialPorts serial, Supplier<MqttLink> mqtt) {

    public static Hardware none() {
        return new Hardware(
                () -> {
                    throw new IllegalStateException("no GPIO configured on this agent");
                },
                (port, baud) -> {
                    throw new java.io.IOException("no serial ports configured on this agent");
                },
                () -> {
                    throw new IllegalStateException("no MQTT link configured on this agent");
                });
    }

    public Hardware withGpio(GpioPins pins) {
        return new Hardware(() -> pins, serial, mqtt);
    }

    public Hardware withSerial(SerialPorts ports) {
        return new Hardware(gpio, ports, mqtt);
    }

    public Hardware withMqtt(MqttLink link) {
        return new Hardware(gpio, serial, () -> link);
    }
}
