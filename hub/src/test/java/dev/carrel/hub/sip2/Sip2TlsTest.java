package dev.carrel.hub.sip2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIP2 over TLS (docs/patrons.md): the client checks that the server's certificate is trusted and names the
 * configured host. The certificates are self-signed, made for the test with the running JDK's keytool.
 */
class Sip2TlsTest {
    private static final String PASSWORD = "test-only";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);
    private static final Map<String, FakeIls.Account> ACCOUNTS = Map.of(
            "2023004217",
            new FakeIls.Account(Map.of("B1", LocalDateTime.of(2026, 11, 25, 23, 59)), 0, Map.of("H1", "Main desk")));

    @TempDir
    static Path dir;

    /** Names the loopback interface: {@code localhost} and {@code 127.0.0.1}. */
    private static KeyStore local;
    /** Names another host only. */
    private static KeyStore elsewhere;

    @BeforeAll
    static void certificates() throws Exception {
        local = selfSigned("ils-local", "dns:localhost,ip:127.0.0.1");
        elsewhere = selfSigned("ils-elsewhere", "dns:ils.example.org");
    }

    @Test
    void tls_trustedCertificateNamingTheHost_carriesTheSession() throws Exception {
        for (String host : List.of("localhost", "127.0.0.1")) {
            try (FakeIls ils =
                            FakeIls.overTls(FakeIls.Profile.KOHA, StandardCharsets.US_ASCII, ACCOUNTS, server(local));
                    Sip2Client client = client(host, ils, trusting(local))) {
                LibraryAccounts.Account a = new LibraryAccounts(client).account("2023004217");

                assertTrue(a.valid(), host);
                assertEquals(Optional.of("Main desk"), a.holds().getFirst().pickup(), host);
                assertTrue(ils.received.getFirst().startsWith("93"), "logged in over TLS: " + ils.received);
            }
        }
    }

    @Test
    void tls_certificateNamingAnotherHost_isRefusedClearly_andNothingIsSent() throws Exception {
        try (FakeIls ils =
                        FakeIls.overTls(FakeIls.Profile.KOHA, StandardCharsets.US_ASCII, ACCOUNTS, server(elsewhere));
                Sip2Client client = client("localhost", ils, trusting(elsewhere))) {
            Sip2Client.Sip2Exception e =
                    assertThrows(Sip2Client.Sip2Exception.class, () -> new LibraryAccounts(client).valid("2023004217"));

            assertTrue(e.getMessage().contains("its certificate must be trusted and name 'localhost'"), e.getMessage());
            assertTrue(e.getMessage().contains("matching localhost found"), e.getMessage());
            assertEquals(List.of(), ils.received, "no login (and no password) went to the wrong host");
        }
    }

    @Test
    void tls_certificateNotTrusted_isRefused_andNothingIsSent() throws Exception {
        try (FakeIls ils = FakeIls.overTls(FakeIls.Profile.KOHA, StandardCharsets.US_ASCII, ACCOUNTS, server(local));
                Sip2Client client = client("localhost", ils, trusting(elsewhere))) {
            Sip2Client.Sip2Exception e =
                    assertThrows(Sip2Client.Sip2Exception.class, () -> new LibraryAccounts(client).valid("2023004217"));

            assertTrue(e.getMessage().contains("TLS to the SIP2 server localhost:" + ils.port()), e.getMessage());
            assertEquals(List.of(), ils.received);
        }
    }

    private static Sip2Client client(String host, FakeIls ils, SSLSocketFactory tls) {
        Sip2Settings s = new Sip2Settings(
                host,
                ils.port(),
                true,
                StandardCharsets.US_ASCII,
                true,
                "carrel",
                Optional.empty(),
                "main",
                "gate-north",
                Duration.ofSeconds(5),
                0,
                Duration.ofMinutes(60),
                3);
        return new Sip2Client(s, SocketLink.connector(s, tls), CLOCK);
    }

    private static SSLServerSocketFactory server(KeyStore identity) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context.getServerSocketFactory();
    }

    /** A client that trusts exactly the certificate of {@code identity}. */
    private static SSLSocketFactory trusting(KeyStore identity) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ils", identity.getCertificate("ils"));
        TrustManagerFactory trusted = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trusted.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trusted.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    /** A self-signed EC key pair with these subject alternative names, made by the running JDK's keytool. */
    private static KeyStore selfSigned(String name, String san) throws Exception {
        Path file = dir.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "ils",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=" + name,
                        "-ext",
                        "SAN=" + san,
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        file.toString(),
                        "-storepass",
                        PASSWORD,
                        "-keypass",
                        PASSWORD)
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool finished");
        assertEquals(0, keytool.exitValue(), output);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }
}
