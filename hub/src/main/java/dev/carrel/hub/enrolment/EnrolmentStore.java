package dev.carrel.hub.enrolment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where tokens, enrolled devices and the enrolment log are kept. {@link #redeem} is the one place a token is
 * used: it checks and consumes in one transaction, so two devices racing with one token cannot both win.
 */
public interface EnrolmentStore {

    /** Why a token was not redeemed. */
    enum Refusal {
        UNKNOWN,
        USED,
        EXPIRED,
        REVOKED
    }

    /** The answer of {@link #redeem}: the token's plan when it was consumed, else the refusal. */
    sealed interface Redemption {}

    record Redeemed(PlannedDevice plan) implements Redemption {}

    record Refused(Refusal refusal, Optional<PlannedDevice> plan) implements Redemption {}

    /** The device a redeemed token enrols; the caller decides its agent id from the token's plan. */
    record NewDevice(String agentId, String publicKey, String hostname) {}

    void addToken(PlannedDevice plan, String tokenHash);

    List<PlannedDevice> tokens();

    /** Revokes an unused token; empty when there is no such token. */
    Optional<PlannedDevice> revokeToken(String id, Instant at);

    Redemption redeem(String tokenHash, Instant now, Function<PlannedDevice, NewDevice> device);

    List<EnrolledDevice> devices();

    Optional<EnrolledDevice> device(String agentId);

    /** Marks the device revoked; empty when there is no such device. */
    Optional<EnrolledDevice> revokeDevice(String agentId, Instant at);

    /** Records an attempt or an administrator's action, kept until the audit log takes it over. */
    void log(
            Instant at,
            String action,
            Optional<String> tokenId,
            Optional<String> agentId,
            String detail,
            String remote);
}
