package dev.carrel.hub.sip2;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach the library system over SIP2 ({@code carrel.sip2.*}, docs/patrons.md).
 *
 * @param host the ILS's SIP2 server ({@code host})
 * @param port its port ({@code port}, default 6001)
 * @param tls TLS on the socket ({@code tls}); SIP2 itself is plaintext (LIBRARY.md)
 * @param charset the character set of the messages ({@code charset}, default IBM850; ISO-8859-1 and UTF-8
 *     are common too)
 * @param errorDetection send and check {@code AY}/{@code AZ} ({@code error-detection}; FOLIO's edge-sip2
 *     has it off by default)
 * @param user the SC login user id, field {@code CN} ({@code user}); empty: no login (93) is sent
 * @param passwordFile the file holding the login password, field {@code CO} ({@code password-file})
 * @param institution the institution id, field {@code AO} ({@code institution})
 * @param location the location code, field {@code CP} ({@code location})
 * @param timeout how long to wait for each answer ({@code timeout-ms})
 * @param retries how often a failed exchange is tried again on a new connection ({@code retries})
 * @param refresh how often reminders are fetched ({@code refresh-minutes})
 * @param dueWithinDays a loan due within this many days is a reminder ({@code due-within-days})
 */
public record Sip2Settings(
        String host,
        int port,
        boolean tls,
        Charset charset,
        boolean errorDetection,
        String user,
        Optional<Path> passwordFile,
        String institution,
        String location,
        Duration timeout,
        int retries,
        Duration refresh,
        int dueWithinDays) {}
