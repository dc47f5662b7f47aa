package dev.carrel.agent.outbox;

/**
 * An entry waiting in the outbox. {@code position} grows with every append and is never reused, so sending
 * in position order is sending in the order events were made.
 */
public record Queued(long position, OutboxEntry entry) {}
