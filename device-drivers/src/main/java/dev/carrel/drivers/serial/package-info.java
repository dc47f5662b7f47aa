/**
 * Devices on a UART: the HLK-LD2410 mmWave radar, the PN532 NFC reader over HSU, and line-oriented
 * scanners and face terminals. Each has a pure byte-fed parser (no I/O, never throws, resyncs on the
 * next header, counts what it dropped) and a device class that runs the parser over a {@link
 * dev.carrel.drivers.serial.SerialLink} from a {@link dev.carrel.drivers.serial.SerialPorts}; jSerialComm
 * is behind {@link dev.carrel.drivers.serial.JSerialCommPorts}.
 */
package dev.carrel.drivers.serial;
