package dev.carrel.hub.access;

import static dev.carrel.hub.ConfigValues.bool;
import static dev.carrel.hub.ConfigValues.integer;
import static dev.carrel.hub.ConfigValues.invalid;
import static dev.carrel.hub.ConfigValues.string;

import dev.carrel.hub.sip2.Sip2Settings;
import io.helidon.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Settings of patrons, access, passes and SIP2 reminders, read once from the {@code carrel} section and
 * validated; an error names the key (docs/patrons.md, "Configuration"). Access is off (no patron API, no
 * authorisation, no passes) unless {@code carrel.site.secret-file} is set: without the site secret the hub
 * cannot hash credentials as the gates do.
 *
 * @param siteId the site id passes name ({@code carrel.site.id})
 * @param secretFile the base64 site secret, mode 600 ({@code carrel.site.secret-file})
 * @param cacheSeconds how long a gate may reuse an online allow ({@code carrel.access.cache-seconds})
 * @param importRemovalLimitPercent the share of registered patrons a CSV import may remove without the
 *     request confirming the count ({@code carrel.access.import-removal-limit-percent}, 0-100)
 * @param passes the mobile pass ({@code carrel.passes.*})
 * @param sip2 the library system, when configured ({@code carrel.sip2.*})
 */
public record AccessConfig(
        String siteId,
        Path secretFile,
        int cacheSeconds,
        int importRemovalLimitPercent,
        Passes passes,
        Optional<Sip2Settings> sip2) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    /**
     * @param validity how long a pass lives ({@code validity-seconds}, 15-900; the page refreshes before)
     * @param pinIterations PBKDF2 iterations for PINs ({@code pin-iterations}, at least 1,000)
     * @param lockoutAfter failed sign-ins before a lock-out ({@code lockout-after}, 1-100)
     * @param lockout how long a lock-out lasts ({@code lockout-minutes}, 1-1440)
     * @param session how long a pass page stays signed in ({@code session-hours}, 1-720)
     * @param secureCookie send the session cookie over HTTPS only ({@code secure-cookie}); turn off only for
     *     a hub reached by plain HTTP on a trusted LAN
     * @param publicUrl the pass page's address as patrons' phones reach it ({@code public-url}, http or https,
     *     no query): the seats' QR codes name it; without it they cannot be printed
     */
    public record Passes(
            Duration validity,
            int pinIterations,
            int lockoutAfter,
            Duration lockout,
            Duration session,
            boolean secureCookie,
            Optional<URI> publicUrl) {}

    /** Empty when {@code carrel.site.secret-file} is not set. */
    public static Optional<AccessConfig> from(Config carrel) {
        Config site = carrel.get("site");
        Optional<String> secret = string(site, "secret-file").filter(s -> !s.isEmpty());
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        String siteId = string(site, "id")
                .filter(s -> ID.matcher(s).matches())
                .orElseThrow(() -> invalid(site.get("id"), "is required: 1-64 of A-Z a-z 0-9 . _ : -"));
        Config p = carrel.get("passes");
        Passes passes = new Passes(
                Duration.ofSeconds(integer(p, "validity-seconds", 60, 15, 900)),
                integer(p, "pin-iterations", 600_000, 1_000, 10_000_000),
                integer(p, "lockout-after", 5, 1, 100),
                Duration.ofMinutes(integer(p, "lockout-minutes", 15, 1, 1440)),
                Duration.ofHours(integer(p, "session-hours", 12, 1, 720)),
                bool(p, "secure-cookie", true),
                publicUrl(p));
        return Optional.of(new AccessConfig(
                siteId,
                Path.of(secret.get()),
                integer(carrel.get("access"), "cache-seconds", 300, 0, 86_400),
                integer(carrel.get("access"), "import-removal-limit-percent", 10, 0, 100),
                passes,
                sip2(carrel.get("sip2"))));
    }

    /**
     * An absolute http(s) address with a host and without a query, fragment or user: the seat codes add
     * {@code ?seat=} to it, and a phone opens it from a printed card, so nothing secret may be in it.
     */
    private static Optional<URI> publicUrl(Config p) {
        Optional<String> text = string(p, "public-url").filter(s -> !s.isEmpty());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String why = "must be the pass page's http or https address without a query, such as "
                + "https://library.example.edu/pass/, not '" + text.get() + "'";
        URI uri;
        try {
            uri = new URI(text.get());
        } catch (URISyntaxException e) {
            throw invalid(p.get("public-url"), why);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean ok = (scheme.equals("http") || scheme.equals("https"))
                && uri.getHost() != null
                && uri.getRawUserInfo() == null
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null;
        if (!ok) {
            throw invalid(p.get("public-url"), why);
        }
        return Optional.of(uri.getRawPath().isEmpty() ? uri.resolve("/") : uri);
    }

    private static Optional<Sip2Settings> sip2(Config c) {
        Optional<String> host = string(c, "host").filter(s -> !s.isEmpty());
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String charset = string(c, "charset").orElse("IBM850");
        if (!Charset.isSupported(charset)) {
            throw invalid(c.get("charset"), "names a character set this JDK lacks: " + charset);
        }
        return Optional.of(new Sip2Settings(
                host.get(),
                integer(c, "port", 6001, 1, 65_535),
                bool(c, "tls", false),
                Charset.forName(charset),
                bool(c, "error-detection", true),
                string(c, "user").orElse(""),
                string(c, "password-file").filter(s -> !s.isEmpty()).map(Path::of),
                string(c, "institution").orElse(""),
                string(c, "location").orElse(""),
                Duration.ofMillis(integer(c, "timeout-ms", 5_000, 100, 120_000)),
                integer(c, "retries", 2, 0, 10),
                Duration.ofMinutes(integer(c, "refresh-minutes", 60, 1, 10_080)),
                integer(c, "due-within-days", 3, 0, 60)));
    }
}
