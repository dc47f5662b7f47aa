/**
 * The Carrel wire contract: MQTT topic names ({@link dev.carrel.protocol.Topic}), the message records of
 * each topic (the sealed {@link dev.carrel.protocol.Message} family) and their JSON codec
 * ({@link dev.carrel.protocol.WireCodec}). No I/O happens here; the AsyncAPI document in {@code docs/}
 * describes the same contract for people and other tools.
 */
package dev.carrel.protocol;
