/** Carrel device-drivers. */
package dev.carrel.drivers;
