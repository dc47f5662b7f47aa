package dev.carrel.hub.monitoring;

import java.time.Instant;
import java.util.Optional;

/**
 * One alert, as {@code GET /api/alerts} lists it.
 *
 * @param active whether its cause is still present (an alert staff resolved may still be active)
 * @param resolution {@code cleared} when the cause went away, {@code staff} when resolved by hand
 */
public record Alert(
        long id,
        String agent,
        AlertKind kind,
        String subject,
        AlertState state,
        boolean active,
        String message,
        Instant opened,
        Optional<Instant> acknowledged,
        Optional<Instant> resolved,
        Optional<String> resolution) {}
