/**
 * Devices on digital lines: relay lamps and outlets, a PWM lamp, a PIR, a Wiegand reader, a gate
 * strike relay and a reader's LEDs. Lines come through the narrow {@link
 * dev.carrel.drivers.gpio.GpioPins} port, implemented with Pi4J 3 by {@link
 * dev.carrel.drivers.gpio.Pi4jGpio}; relays on an MCP23017 I2C expander are lines too, so one Pi can
 * switch the relays of a whole reading room.
 */
package dev.carrel.drivers.gpio;
