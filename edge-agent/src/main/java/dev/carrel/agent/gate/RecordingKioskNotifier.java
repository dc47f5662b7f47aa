package dev.carrel.agent.gate;

import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A kiosk that records what it was told, for tests and the simulation; it stands in until the agent's local
 * web server implements {@link KioskNotifier}.
 */
public final class RecordingKioskNotifier implements KioskNotifier {

    /** One thing the kiosk was told: a greeting (refusal empty) or a refusal (greeting empty). */
    public record Shown(Optional<String> greeting, List<String> reminders, Optional<Reason> refusal) {}

    private final List<Shown> shown = new ArrayList<>();

    @Override
    public synchronized void greet(Optional<String> shortName, List<String> reminders) {
        shown.add(new Shown(shortName, List.copyOf(reminders), Optional.empty()));
    }

    @Override
    public synchronized void refuse(Reason reason) {
        shown.add(new Shown(Optional.empty(), List.of(), Optional.of(reason)));
    }

    /** One goodbye at an exit reader. */
    public record Farewell(Optional<CredentialHash> patron, Optional<String> shortName, List<String> reminders) {}

    private final List<Farewell> farewells = new ArrayList<>();

    @Override
    public synchronized void farewell(
            Optional<CredentialHash> patron, Optional<String> shortName, List<String> reminders) {
        farewells.add(new Farewell(patron, shortName, List.copyOf(reminders)));
    }

    /** Every goodbye, oldest first. */
    public synchronized List<Farewell> farewells() {
        return List.copyOf(farewells);
    }

    /** Everything told, oldest first. */
    public synchronized List<Shown> shown() {
        return List.copyOf(shown);
    }

    public synchronized Optional<Shown> last() {
        return shown.isEmpty() ? Optional.empty() : Optional.of(shown.getLast());
    }
}
