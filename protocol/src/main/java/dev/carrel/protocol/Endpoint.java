package dev.carrel.protocol;

/** A device an agent drives, as announced in its birth: a lamp, an outlet, a sensor, a reader, a gate. */
public record Endpoint(String id, Kind kind) {

    public enum Kind {
        LAMP,
        DIMMABLE_LAMP,
        OUTLET,
        PRESENCE_SENSOR,
        CREDENTIAL_READER,
        GATE,
        INDICATOR,
        KIOSK
    }

    public Endpoint {
        Check.localId("id", id);
        Check.present("kind", kind);
    }
}
