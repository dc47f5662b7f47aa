package dev.carrel.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.protocol.CommandBody.SeatAction;
import dev.carrel.protocol.CommandBody.SeatAction.Action;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The seat command's group reservation of a discussion room (issue 7), beside the single-credential ones. */
class SeatActionTest {
    private static final AgentId DOOR = AgentId.of("room-door-1");
    private static final Instant TS = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant END = TS.plusSeconds(7200);
    private static final CredentialHash ANN = hash(1);
    private static final CredentialHash BO = hash(2);
    private static final CredentialHash CY = hash(3);
    private final WireCodec codec = new WireCodec();

    @Test
    void reserveGroup_roundTripsWithEveryMember_organiserFirst() throws Exception {
        Command command = new Command(
                EventIds.system().next(),
                TS.plusSeconds(60),
                SeatAction.reserveGroup("room-a", List.of(ANN, BO, CY), END));
        byte[] wire = codec.encode(command);
        String json = new String(wire, UTF_8);
        assertTrue(json.contains("\"action\":\"reserve_group\""), json);
        assertTrue(json.contains("\"holders\":[\"" + ANN.hex() + "\",\"" + BO.hex() + "\""), json);

        Command back = (Command) codec.decode(WireCodec.topicFor(DOOR, command), wire);
        SeatAction body = (SeatAction) back.body();
        assertEquals(command, back);
        assertEquals(ANN, body.patron());
        assertEquals(Optional.of(List.of(ANN, BO, CY)), body.holders());
        assertEquals(Optional.of(END), body.until());
    }

    @Test
    void singleCredentialCommands_carryNoHolders_andOlderPayloadsStillDecode() throws Exception {
        String reserve = "{\"v\":1,\"id\":\"" + EventIds.system().next() + "\",\"expiresAt\":\"2026-11-23T09:01:00Z\","
                + "\"body\":{\"action\":\"reserve\",\"seatId\":\"desk-01\",\"patron\":\"" + ANN.hex()
                + "\",\"graceUntil\":\"2026-11-23T09:15:00Z\"}}";
        Command decoded = codec.decode(Topic.command(DOOR, "seat"), reserve.getBytes(UTF_8), Command.class);
        SeatAction body = (SeatAction) decoded.body();
        assertEquals(Action.RESERVE, body.action());
        assertEquals(Optional.empty(), body.holders());

        SeatAction hold = new SeatAction(Action.HOLD, Optional.of("desk-01"), ANN, Optional.empty(), Optional.of(END));
        assertTrue(
                !new String(codec.encode(new Command(EventIds.system().next(), END, hold)), UTF_8).contains("holders"));
    }

    @Test
    void reserveGroup_withoutTheOrganiser_isRefusedNamingHolders() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> group(ANN, List.of(BO, CY)));
        assertEquals("holders", e.field());
    }

    @Test
    void reserveGroup_namingACredentialTwice_isRefusedNamingHolders() {
        assertEquals(
                "holders",
                assertThrows(InvalidFieldException.class, () -> group(ANN, List.of(ANN, BO, ANN)))
                        .field());
    }

    @Test
    void reserveGroup_ofMoreThanTwentyOrNone_isRefusedNamingHolders() {
        List<CredentialHash> big = new ArrayList<>();
        for (int i = 1; i <= SeatAction.MAX_HOLDERS + 1; i++) {
            big.add(hash(i));
        }
        assertEquals(
                SeatAction.MAX_HOLDERS,
                group(ANN, big.subList(0, SeatAction.MAX_HOLDERS))
                        .holders()
                        .orElseThrow()
                        .size());
        assertEquals(
                "holders",
                assertThrows(InvalidFieldException.class, () -> group(ANN, big)).field());
        assertEquals(
                "holders",
                assertThrows(InvalidFieldException.class, () -> group(ANN, List.of()))
                        .field());
        assertEquals(
                "holders",
                assertThrows(InvalidFieldException.class, () -> SeatAction.reserveGroup("room-a", List.of(), END))
                        .field());
    }

    @Test
    void holders_onAnotherAction_orAGroupWithoutItsEnd_areRefused() {
        assertEquals(
                "holders",
                assertThrows(
                                InvalidFieldException.class,
                                () -> new SeatAction(
                                        Action.HOLD,
                                        Optional.of("desk-01"),
                                        ANN,
                                        Optional.empty(),
                                        Optional.of(END),
                                        Optional.of(List.of(ANN))))
                        .field());
        assertEquals(
                "until",
                assertThrows(
                                InvalidFieldException.class,
                                () -> new SeatAction(
                                        Action.RESERVE_GROUP,
                                        Optional.of("room-a"),
                                        ANN,
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.of(List.of(ANN))))
                        .field());
    }

    @Test
    void reserveGroup_overTheWire_withAStrangerAsPatron_isAPayloadErrorNamingHolders() {
        String json = "{\"v\":1,\"id\":\"" + EventIds.system().next() + "\",\"expiresAt\":\"2026-11-23T09:01:00Z\","
                + "\"body\":{\"action\":\"reserve_group\",\"seatId\":\"room-a\",\"patron\":\"" + CY.hex()
                + "\",\"until\":\"2026-11-23T11:00:00Z\",\"holders\":[\"" + ANN.hex() + "\",\"" + BO.hex() + "\"]}}";
        PayloadException e = assertThrows(
                PayloadException.class, () -> codec.decode(Topic.command(DOOR, "seat"), json.getBytes(UTF_8)));
        assertEquals("body.holders", e.field());
    }

    private static SeatAction group(CredentialHash patron, List<CredentialHash> holders) {
        return new SeatAction(
                Action.RESERVE_GROUP,
                Optional.of("room-a"),
                patron,
                Optional.empty(),
                Optional.of(END),
                Optional.of(holders));
    }

    private static CredentialHash hash(int n) {
        return new CredentialHash(String.format(Locale.ROOT, "%064x", n));
    }
}
