/**
 * Builds drivers from the agent's endpoint list. The agent parses its YAML into {@link
 * dev.carrel.drivers.config.EndpointSpec} values (this module does not read YAML) and asks the
 * {@link dev.carrel.drivers.config.DriverFactory} for each device. Every setting is validated at
 * start-up: a missing, malformed or unknown key is an {@link
 * dev.carrel.drivers.config.EndpointConfigException} naming the endpoint and the key.
 */
package dev.carrel.drivers.config;
