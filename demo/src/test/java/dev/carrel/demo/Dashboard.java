package dev.carrel.demo;

import dev.carrel.demo.kiosk.KioskBrowser;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The staff dashboard's pages as the browser tests and screenshots drive them. */
final class Dashboard {
    /** Offline alerts after a second, checked every second, so a test sees them. */
    static final Map<String, String> FAST_ALERTS =
            Map.of("carrel.monitoring.offline-after", "1s", "carrel.monitoring.sweep-every", "1s");

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** {@link #FAST_ALERTS} with the patron registry on, its site secret written into {@code dir}. */
    static Map<String, String> withPatrons(java.nio.file.Path dir) throws java.io.IOException {
        Map<String, String> config = new java.util.HashMap<>(FAST_ALERTS);
        config.put("carrel.site.id", "demo-library");
        config.put(
                "carrel.site.secret-file",
                DemoSecret.write(dir.resolve("hub-secret")).toString());
        return config;
    }

    private final KioskBrowser browser;
    private final String base;

    Dashboard(KioskBrowser browser, int port) {
        this.browser = browser;
        this.base = "http://127.0.0.1:" + port;
    }

    /** Opens a page afresh in a language and waits until it has drawn its data. */
    void load(String route, String lang) {
        browser.driver().get("about:blank"); // a new document, not just a new hash in the old one
        browser.driver().get(base + "/?lang=" + lang + "#/" + route);
        try {
            browser.until(
                    d -> (Boolean) browser.driver()
                            .executeScript("return !document.body.classList.contains('booting')"
                                    + " && !!document.getElementById('view').dataset.ready"),
                    WAIT);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(
                    route + " did not draw: "
                            + browser.driver()
                                    .executeScript(
                                            "return location.href + ' '"
                                                    + " + document.body.className + ' ' + document.getElementById('view').outerHTML"),
                    e);
        }
        if (!browser.all("#view > .error").isEmpty()) {
            throw new AssertionError(route + " failed: " + browser.text("#view > .error"));
        }
    }

    /** Signs in on the sign-in page and waits for the first page the role is offered. */
    void signIn(String username, String password) {
        load("sign-in", "en");
        if (browser.all("form.signin").isEmpty()) {
            browser.click("#signout");
            browser.untilVisible("form.signin");
        }
        browser.find("input[name=username]").sendKeys(username);
        browser.find("input[name=password]").sendKeys(password);
        browser.click("#signin");
        browser.until(
                d -> browser.text("#who").contains(username)
                        || !browser.all("form.signin .error").isEmpty()
                                && !browser.text("form.signin .error").isEmpty(),
                WAIT);
        if (!browser.text("#who").contains(username)) {
            throw new AssertionError("sign-in as " + username + " refused: " + browser.text("form.signin .error"));
        }
    }

    /** The pages the navigation offers, by id. */
    java.util.List<String> offered() {
        return browser.all("#nav a").stream()
                .map(a -> a.getDomAttribute("data-page"))
                .toList();
    }

    WebElement agentRow(String agent) {
        return browser.find("table.agents tr[data-agent='" + agent + "']");
    }

    /**
     * Switches a zone's lamps on the lighting page and waits until every command is applied and every lamp
     * reports the new state; answers how many lamps there were.
     */
    int switchZoneLamps(String zone, boolean on) {
        load("lighting", "en");
        String rows = submitLighting("zone", zone, on ? "on" : "off", 100, 60);
        browser.until(
                d -> {
                    var list = browser.all(rows);
                    return !list.isEmpty()
                            && list.stream()
                                    .allMatch(r -> "applied".equals(r.getDomAttribute("data-state"))
                                            && String.valueOf(on)
                                                    .equals(r.findElement(By.cssSelector("td.reported"))
                                                            .getDomAttribute("data-on")));
                },
                WAIT);
        return browser.all(rows).size();
    }

    /**
     * Fills the open lighting page's form for the lamps ({@code on} or {@code off}) of a seat, zone, floor or
     * building, at a brightness, waiting at most {@code expirySeconds} for an offline device; submits it and
     * waits for the request to be shown. Answers the selector of its command rows.
     */
    String submitLighting(String level, String target, String lamp, int brightness, int expirySeconds) {
        new Select(browser.find("#level")).selectByValue(level);
        new Select(browser.find("#target")).selectByValue(target);
        new Select(browser.find("#lamp")).selectByValue(lamp);
        new Select(browser.find("#expiry")).selectByValue(String.valueOf(expirySeconds));
        browser.driver()
                .executeScript(
                        "const r = document.getElementById('brightness'); r.value = arguments[0];"
                                + " r.dispatchEvent(new Event('input'));",
                        brightness);
        int before = browser.all("section.request").size();
        browser.click("#switch");
        try {
            browser.until(d -> browser.all("section.request").size() == before + 1, WAIT);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(
                    "the lighting request was not shown; the page said: "
                            + browser.find("#toast").getDomProperty("textContent"),
                    e);
        }
        return "section.request:first-child tr[data-command]";
    }

    /** A request from the signed-in page itself (its cookie and CSRF token) that must succeed. */
    void api(String method, String path, String json) {
        long status = status(method, path, json);
        if (status >= 300) {
            throw new AssertionError(method + " " + path + " answered " + status);
        }
    }

    /** A request from the signed-in page itself; answers the HTTP status. */
    long status(String method, String path, String json) {
        Object status = browser.driver()
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "const [method, path, body] = arguments;"
                                + "import('/dash/api.js').then(m => fetch(path, {method, body: body || undefined,"
                                + " headers: {'Content-Type': 'application/json', 'X-CSRF-Token': m.session.csrf}}))"
                                + ".then(r => done(r.status), () => done(0));",
                        method,
                        path,
                        json);
        return (Long) status;
    }
}
