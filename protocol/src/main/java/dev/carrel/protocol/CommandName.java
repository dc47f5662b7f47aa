package dev.carrel.protocol;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The commands; {@link #wire()} is the last level of {@code commands/{name}} and {@code replies/{name}}. */
public enum CommandName {
    LAMP(CommandBody.SetLamp.class),
    OUTLET(CommandBody.SetOutlet.class),
    GATE(CommandBody.PulseGate.class),
    IDENTIFY(CommandBody.Identify.class),
    RELOAD(CommandBody.Reload.class),
    SYNC(CommandBody.Sync.class),
    SEAT(CommandBody.SeatAction.class);

    private final Class<? extends CommandBody> bodyClass;

    CommandName(Class<? extends CommandBody> bodyClass) {
        this.bodyClass = bodyClass;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Class<? extends CommandBody> bodyClass() {
        return bodyClass;
    }

    public static Optional<CommandName> fromWire(String wire) {
        return Arrays.stream(values()).filter(n -> n.wire().equals(wire)).findFirst();
    }
}
