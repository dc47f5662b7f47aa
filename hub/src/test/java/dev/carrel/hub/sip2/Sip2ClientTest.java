package dev.carrel.hub.sip2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Sip2ClientTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final Map<String, FakeIls.Account> ACCOUNTS = Map.of(
            "2023004217",
            new FakeIls.Account(
                    Map.of(
                            "B1", TODAY.plusDays(2).atTime(23, 59),
                            "B2", TODAY.plusDays(2).atTime(12, 0),
                            "B3", TODAY.plusDays(30).atStartOfDay()),
                    1,
                    Map.of("H1", "Main desk")));

    @Test
    void checksum_matchesTheSpecExample() {
        assertEquals("FCB4", Sip2Message.checksum("990 402.00AY1AZ", StandardCharsets.US_ASCII));
        assertEquals("990 402.00AY1AZFCB4", Sip2Message.withTrailer("990 402.00", 1, StandardCharsets.US_ASCII));
    }

    @Test
    void parse_badChecksum_isRefused_goodOneGivesFieldsAndSequence() throws Exception {
        Charset cs = StandardCharsets.US_ASCII;
        String good = Sip2Message.withTrailer("941", 3, cs);
        assertEquals(3, Sip2Message.parse(good, 1, cs, true).sequence().getAsInt());
        String bad = good.substring(0, good.length() - 1) + (good.endsWith("0") ? "1" : "0");
        assertThrows(Sip2Message.Malformed.class, () -> Sip2Message.parse(bad, 1, cs, true));
        assertThrows(Sip2Message.Malformed.class, () -> Sip2Message.parse("941", 1, cs, true));
        var r = Sip2Message.parse("18080001" + "20261123    090000" + "ABH1|APMain desk|", 24, cs, false);
        assertEquals(Optional.of("Main desk"), r.field("AP"));
        assertEquals(Optional.of(LocalDateTime.of(2026, 11, 25, 23, 59)), Sip2Message.date("20261125    235900"));
    }

    @Test
    void kohaLike_errorDetectionOn_patronStatusUsed_remindersBuilt() throws Exception {
        try (FakeIls ils = new FakeIls(FakeIls.Profile.KOHA, Charset.forName("IBM850"), ACCOUNTS);
                Sip2Client client = client(ils, true, "IBM850")) {
            LibraryAccounts accounts = new LibraryAccounts(client);
            LibraryAccounts.Account a = accounts.account("2023004217");
            assertTrue(client.patronStatusSupported());
            assertTrue(ils.received.stream().anyMatch(m -> m.startsWith("23")));
            assertTrue(ils.received.stream().allMatch(m -> m.matches(".*AY\\dAZ[0-9A-F]{4}")), ils.received.toString());
            assertEquals(
                    List.of("1 book overdue", "2 books due Wed 25 Nov", "1 hold ready at Main desk"),
                    Reminders.lines(a, TODAY, 3));
            assertFalse(accounts.account("unknown-9").valid());
        }
    }

    @Test
    void folioLike_noErrorDetection_no23_fallsBackTo63() throws Exception {
        try (FakeIls ils = new FakeIls(FakeIls.Profile.FOLIO, StandardCharsets.UTF_8, ACCOUNTS);
                Sip2Client client = client(ils, false, "UTF-8")) {
            LibraryAccounts.Account a = new LibraryAccounts(client).account("2023004217");
            assertFalse(client.patronStatusSupported());
            assertTrue(ils.received.stream().noneMatch(m -> m.startsWith("23")), ils.received.toString());
            assertTrue(ils.received.stream().noneMatch(m -> m.contains("AY")));
            assertEquals(1, a.holds().size());
            assertEquals(Optional.of("Main desk"), a.holds().getFirst().pickup());
            assertEquals(3, a.loans().size());
        }
    }

    @Test
    void corruptedAnswer_isAskedAgainWith97_droppedConnection_isRetriedOnANewOne() throws Exception {
        try (FakeIls ils = new FakeIls(FakeIls.Profile.KOHA, StandardCharsets.US_ASCII, ACCOUNTS);
                Sip2Client client = client(ils, true, "US-ASCII")) {
            LibraryAccounts accounts = new LibraryAccounts(client);
            assertTrue(accounts.valid("2023004217")); // logs in first
            ils.corruptNext.set(1);
            assertTrue(accounts.valid("2023004217"));
            assertTrue(ils.received.contains("97"), ils.received.toString());
            ils.dropNext.set(1);
            assertTrue(accounts.valid("2023004217"));
            assertEquals(
                    2, ils.received.stream().filter(m -> m.startsWith("93")).count(), "logged in again");
        }
    }

    @Test
    void serverGone_failsAfterTheConfiguredRetries() throws Exception {
        // A port held by a socket that is bound but never listens: every connect is refused, and no other test
        // can take the port meanwhile (a closed server's port could be handed to someone else's listener).
        try (java.net.Socket holder = new java.net.Socket()) {
            holder.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            Sip2Settings s = settings(holder.getLocalPort(), true, StandardCharsets.US_ASCII);
            try (Sip2Client client = new Sip2Client(s, SocketLink.connector(s), CLOCK)) {
                assertThrows(Sip2Client.Sip2Exception.class, () -> new LibraryAccounts(client).valid("x"));
            }
        }
    }

    @Test
    void silentServer_eachAttemptTimesOut_retriedOnNewConnections_thenAClearFailure() throws Exception {
        try (FakeIls ils = new FakeIls(FakeIls.Profile.KOHA, StandardCharsets.US_ASCII, ACCOUNTS)) {
            ils.silent.set(true); // accepts, reads, never answers
            Sip2Settings s = settings(ils.port(), true, StandardCharsets.US_ASCII, Duration.ofMillis(300), 2);
            try (Sip2Client client = new Sip2Client(s, SocketLink.connector(s), CLOCK)) {
                long start = System.nanoTime();
                Sip2Client.Sip2Exception e = assertTimeoutPreemptively(
                        Duration.ofSeconds(10),
                        () -> assertThrows(
                                Sip2Client.Sip2Exception.class, () -> new LibraryAccounts(client).valid("2023004217")));
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertEquals("SIP2 session start failed after 3 attempts: Read timed out", e.getMessage());
                assertInstanceOf(java.net.SocketTimeoutException.class, e.getCause());
                assertEquals(3, ils.connections.get(), "the first try and two retries, each on a new connection");
                assertEquals(3, ils.received.size(), ils.received.toString());
                assertTrue(ils.received.stream().allMatch(m -> m.startsWith("93")), "each logs in anew");
                assertTrue(took.compareTo(Duration.ofMillis(900)) >= 0, "three timeouts of 300 ms: " + took);
                assertTrue(took.compareTo(Duration.ofMillis(3_000)) < 0, "no more than the timeouts: " + took);
            }
        }
    }

    private static Sip2Client client(FakeIls ils, boolean errorDetection, String charset) {
        Sip2Settings s = settings(ils.port(), errorDetection, Charset.forName(charset));
        return new Sip2Client(s, SocketLink.connector(s), CLOCK);
    }

    static Sip2Settings settings(int port, boolean errorDetection, Charset charset) {
        return settings(port, errorDetection, charset, Duration.ofMillis(1_000), 2);
    }

    static Sip2Settings settings(int port, boolean errorDetection, Charset charset, Duration timeout, int retries) {
        return new Sip2Settings(
                "127.0.0.1",
                port,
                false,
                charset,
                errorDetection,
                "carrel",
                Optional.empty(),
                "main",
                "gate-north",
                timeout,
                retries,
                Duration.ofMinutes(60),
                3);
    }
}
