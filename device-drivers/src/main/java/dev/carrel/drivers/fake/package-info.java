/**
 * In-memory fakes of every port, with methods a test or a simulated agent uses to drive them (in the
 * spirit of Pi4J's {@code mockState}): {@code FakePresenceSensor.set(..)}, {@code
 * FakeCredentialReader.present(..)}, {@code ManualScheduler.advance(..)}. They live in {@code
 * src/main} so the edge agent's tests and the demo's simulated agents can use them.
 */
package dev.carrel.drivers.fake;
