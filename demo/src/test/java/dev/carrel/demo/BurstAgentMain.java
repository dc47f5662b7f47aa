package dev.carrel.demo;

import dev.carrel.agent.AgentConfig;
import dev.carrel.agent.AgentLayout;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.drivers.Hardware;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.CredentialHash;
import dev.carrel.protocol.EventBody;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An edge agent in a JVM of its own, so that {@link OutboxKillTest} can {@code kill -9} it.
 *
 * <p>{@code burst N BROKER SECRET DATA_DIR AGENT_ID} publishes N gate events as fast as it can, printing
 * {@code committed i} every 100 (after {@code publish} returned, so the event is in the outbox file);
 * {@code drain 0 …} publishes nothing. Both then wait until the outbox is empty, print {@code drained} and exit.
 */
public final class BurstAgentMain {
    private BurstAgentMain() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int count = Integer.parseInt(args[1]);
        AgentConfig config = new AgentConfig(
                AgentId.of(args[5]),
                URI.create(args[2]),
                args[3],
                Path.of(args[4]),
                Duration.ofSeconds(5),
                Duration.ofHours(1),
                "burst");
        EdgeAgent agent = EdgeAgent.start(config, AgentLayout.EMPTY, Hardware.none(), Clock.systemUTC());
        if (mode.equals("burst")) {
            for (int i = 0; i < count; i++) {
                agent.events().publish(event(i));
                if ((i + 1) % 100 == 0) {
                    System.out.println("committed " + (i + 1));
                    System.out.flush();
                }
            }
            System.out.println("published " + count);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (agent.events().pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        System.out.println(
                agent.events().pending() == 0
                        ? "drained"
                        : "not drained: " + agent.events().pending());
        System.out.flush();
        agent.close();
        System.exit(0);
    }

    private static EventBody event(int i) {
        byte[] hash = new byte[32];
        hash[0] = (byte) (i >>> 24);
        hash[1] = (byte) (i >>> 16);
        hash[2] = (byte) (i >>> 8);
        hash[3] = (byte) i;
        CredentialHash credential = new CredentialHash(HexFormat.of().formatHex(hash));
        return i % 2 == 0
                ? new EventBody.GateDecision(
                        "gate-1",
                        credential,
                        EventBody.GateDecision.Decision.ALLOW,
                        EventBody.GateDecision.Reason.ALLOW_LISTED,
                        EventBody.GateDecision.Source.LOCAL)
                : new EventBody.GatePassage("gate-1", EventBody.GatePassage.Direction.IN, Optional.of(credential));
    }
}
