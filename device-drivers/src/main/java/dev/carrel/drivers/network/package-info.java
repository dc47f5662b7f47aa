/**
 * Devices on the network, over MQTT: Tasmota and Shelly smart plugs as outlets, Zigbee2MQTT
 * occupancy sensors as presence sensors. They speak through the narrow {@link
 * dev.carrel.drivers.network.MqttLink}; Paho is behind {@link dev.carrel.drivers.network.PahoMqttLink}.
 */
package dev.carrel.drivers.network;
