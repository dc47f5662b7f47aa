/** The opt-in smoke test for a real Raspberry Pi; never run in CI. */
package dev.carrel.drivers.smoke;
