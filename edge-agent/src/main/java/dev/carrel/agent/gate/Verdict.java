package dev.carrel.agent.gate;

import dev.carrel.protocol.EventBody.GateDecision.Decision;
import dev.carrel.protocol.EventBody.GateDecision.Reason;
import dev.carrel.protocol.EventBody.GateDecision.Source;
import java.util.Optional;

/**
 * What the gate decided about one presentation, why, and who decided; with the greeting and patron
 * pseudonym when they are known (the hub's answer carries a greeting, an allow-list row or a pass a patron).
 */
public record Verdict(
        Decision decision, Reason reason, Source source, Optional<String> greeting, Optional<String> patron) {

    public Verdict {
        greeting = greeting == null ? Optional.empty() : greeting;
        patron = patron == null ? Optional.empty() : patron;
    }

    static Verdict local(Decision decision, Reason reason) {
        return new Verdict(decision, reason, Source.LOCAL, Optional.empty(), Optional.empty());
    }

    static Verdict allow(Reason reason, Source source) {
        return new Verdict(Decision.ALLOW, reason, source, Optional.empty(), Optional.empty());
    }

    static Verdict deny(Reason reason, Source source) {
        return new Verdict(Decision.DENY, reason, source, Optional.empty(), Optional.empty());
    }

    public boolean allowed() {
        return decision == Decision.ALLOW;
    }

    Verdict withHolder(Optional<String> greeting, Optional<String> patron) {
        return new Verdict(decision, reason, source, this.greeting.or(() -> greeting), this.patron.or(() -> patron));
    }
}
