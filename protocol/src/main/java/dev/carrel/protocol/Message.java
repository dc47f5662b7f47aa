package dev.carrel.protocol;

/**
 * Every payload of the contract. Each kind of {@link Topic} carries exactly one of these families; the
 * {@link WireCodec} maps between them and JSON.
 */
public sealed interface Message
        permits Status,
                Event,
                Telemetry,
                Command,
                CommandReply,
                TwinDesired,
                TwinReported,
                AuthorisationRequest,
                AuthorisationResponse,
                BookingRequest,
                BookingResponse,
                AllowlistDelta {

    /** The schema version written into every payload as {@code v}; a reader rejects newer majors. */
    int SCHEMA_VERSION = 1;
}
