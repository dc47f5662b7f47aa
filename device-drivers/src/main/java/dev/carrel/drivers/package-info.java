/**
 * Carrel's hardware ports and the values they speak in.
 *
 * <p>Every side effect of a kiosk or desk — a lamp relay, a smart plug, a radar, a card reader, a
 * gate strike, a reader LED — sits behind one of the narrow interfaces here: {@link
 * dev.carrel.drivers.Lamp}, {@link dev.carrel.drivers.Outlet}, {@link
 * dev.carrel.drivers.PresenceSensor}, {@link dev.carrel.drivers.CredentialReader}, {@link
 * dev.carrel.drivers.GateActuator} and {@link dev.carrel.drivers.Indicator}. Real adapters live in
 * the sub-packages by device family; in-memory fakes live in {@code dev.carrel.drivers.fake}; the
 * configuration-driven factory in {@code dev.carrel.drivers.config}.
 *
 * <p>Rules every adapter honours: no driver exception escapes into a listener's caller; faults are
 * reported as {@link dev.carrel.drivers.DriverFault} values; time comes from a {@link
 * dev.carrel.drivers.Scheduler} so tests can move it by hand.
 */
package dev.carrel.drivers;
