package dev.carrel.demo.kiosk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.agent.AgentLayout;
import dev.carrel.agent.EdgeAgent;
import dev.carrel.drivers.CredentialKind;
import dev.carrel.drivers.fake.FakeCredentialReader;
import dev.carrel.hub.Hub;
import dev.carrel.protocol.AgentId;
import dev.carrel.protocol.AllowlistDelta;
import dev.carrel.protocol.Event;
import dev.carrel.protocol.EventBody;
import dev.carrel.protocol.Topic;
import dev.carrel.protocol.WireCodec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.TimeoutException;

/**
 * The gate kiosk's pages in headless Chromium at 1080×1920, against a gate agent on simulated drivers that
 * is online through a real hub. A hub-role client sends the allow-list and the reminders as the hub's
 * patron service does, over the broker; cards are presented on the simulated gate reader.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GateKioskPageTest {
    static final Pattern LATIN = Pattern.compile("[A-Za-z]");
    static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    static final String ZHANG = "04A1B2C3";
    static final String SUSPENDED = "04D4E5F6";
    private static final WireCodec CODEC = new WireCodec();
    static final List<String> REMINDERS = List.of("2 本图书 11月27日到期", "预约书已到：一楼总服务台");

    @TempDir
    static Path dir;

    private KioskBrowser browser;
    private Hub hub;
    private EdgeAgent agent;
    private MqttClient hubClient;
    private FakeCredentialReader reader;
    private FakeCredentialReader exitReader;
    private AgentLayout.SiteSettings site;
    private final BlockingQueue<EventBody.Feedback> feedback = new LinkedBlockingQueue<>();

    @BeforeAll
    void start() throws Exception {
        browser = KioskBrowser.open(KioskBrowser.PORTRAIT);
        hub = KioskRig.hub(dir.resolve("hub"));
        site = KioskRig.site(dir);
        Path data = dir.resolve("gate-1");
        KioskRig.savedTwin(
                data,
                Map.of(
                        "zones",
                        List.of(
                                Map.of(
                                        "id",
                                        "rr-1",
                                        "name",
                                        Map.of("zh-CN", "第一阅览室", "en", "Reading room 1"),
                                        "free",
                                        37,
                                        "total",
                                        120),
                                Map.of(
                                        "id",
                                        "rr-2",
                                        "name",
                                        Map.of("zh-CN", "第二阅览室", "en", "Reading room 2"),
                                        "free",
                                        4,
                                        "total",
                                        80))));
        agent = KioskRig.start(KioskRig.config("gate-1", data, Optional.of(hub)), KioskRig.gate(site));
        reader = KioskRig.reader(agent, "gate-1-reader");
        KioskRig.awaitOnline(agent);
        exitReader = KioskRig.reader(agent, "gate-1-exit");
        AgentId id = AgentId.of("gate-1");
        // The feedback events the agent publishes, as the hub receives them.
        Topic feedbackTopic = Topic.event(id, "feedback");
        hubClient = KioskRig.hubClient(
                hub,
                client -> client.subscribe(
                        new MqttSubscription[] {new MqttSubscription(feedbackTopic.toString(), 1)},
                        new IMqttMessageListener[] {
                            (t, m) -> feedback.add(
                                    (EventBody.Feedback) CODEC.decode(feedbackTopic, m.getPayload(), Event.class)
                                            .body())
                        }));
        // Far above any version the test hub sends itself, so its own pushes at the agent's birth lose.
        long version = Long.MAX_VALUE / 2;
        KioskRig.publish(
                hubClient,
                Topic.credentials(id),
                KioskRig.encode(new AllowlistDelta(
                        0,
                        version,
                        true,
                        List.of(new AllowlistDelta.Entry(
                                KioskRig.hash(site, ZHANG), "p-zhang", "Zhang S.", Optional.empty())),
                        List.of(KioskRig.hash(site, SUSPENDED)))));
        String reminders = "{\"v\":1,\"version\":" + version + ",\"ts\":\"" + Instant.now()
                + "\",\"patrons\":{\"p-zhang\":[\"" + String.join("\",\"", REMINDERS) + "\"]}}";
        KioskRig.publish(hubClient, Topic.response(id, "reminders"), reminders.getBytes(UTF_8));
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (hubClient != null) {
            hubClient.disconnect();
            hubClient.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @BeforeEach
    void freshPage() {
        browser.load(agent.kioskPort().orElseThrow(), "");
        feedback.clear();
    }

    @Test
    void idle_showsTodaysHours_freeSeatsPerZone_howToEnter_andTheQrCode() {
        browser.untilVisible("#idle.active");
        assertEquals("中心图书馆", browser.text("#library"));
        assertTrue(browser.text("#hours").contains("07:30 – 24:00"), browser.text("#hours"));
        assertTrue(browser.text("#hours").contains("考试周"), "the exam period is named: " + browser.text("#hours"));
        assertTrue(browser.text("#zones").contains("第一阅览室")
                && browser.text("#zones").contains("37"));
        assertEquals(4, browser.all(".ways li").size());
        assertTrue(browser.visible("#qr-img"));
        boolean drawn = (Boolean) browser.driver()
                .executeScript("const i = document.getElementById('qr-img'); return i.complete && i.naturalWidth > 0");
        assertTrue(drawn, "the QR code image loaded from the agent");
    }

    @Test
    void cardTap_showsTheGreeting_andThePatronsReminders() {
        tapUntil(ZHANG, "#verdict.allow");
        browser.untilText("#verdict-title", "Zhang S.");
        assertTrue(browser.text("#verdict-title").startsWith("欢迎您"), browser.text("#verdict-title"));
        assertEquals(
                REMINDERS,
                browser.all("#reminders-list li").stream().map(e -> e.getText()).toList());
    }

    @Test
    void suspendedCard_isRefused_withTheReasonAndWhatToDo() {
        tapUntil(SUSPENDED, "#verdict.deny");
        assertEquals("抱歉，暂时无法入馆", browser.text("#verdict-title"));
        assertEquals("您的借阅账户已被暂停", browser.text("#verdict-sub"));
        assertEquals("请到服务台咨询", browser.text("#todo-text"));
        assertFalse(browser.visible("#reminders"));
    }

    @Test
    void languageSwitch_changesEveryVisibleString_onIdleAndGreeting() {
        assertOnlyChinese();
        browser.click("#lang");
        assertEquals("en", browser.language());
        assertOnlyEnglish();
        assertEquals("Central Library", browser.text("#library"));
        tapUntil(ZHANG, "#verdict.allow");
        assertOnlyEnglish();
        assertTrue(browser.text("#verdict-title").startsWith("Welcome, "));
        browser.click("#lang");
        assertOnlyChinese();
    }

    @Test
    void online_showsNoOfflineNotice() {
        browser.untilVisible("#idle.active");
        assertFalse(browser.visible("#offline"), "the agent is connected to the hub");
    }

    @Test
    void feedback_isOneTap_andThanksThePatron() throws Exception {
        browser.click("#rate");
        browser.untilVisible("#feedback.active");
        assertEquals("本次到馆体验如何？", browser.text("#feedback-title"));
        browser.click(".score[data-score='4']");
        browser.untilVisible("#feedback-thanks");
        assertTrue(browser.visible("#feedback-more"), "a comment is offered, never required");
        browser.click("#feedback-send");
        browser.until(d -> !browser.visible(".score"));
        EventBody.Feedback f = feedback.poll(10, TimeUnit.SECONDS);
        assertEquals(4, f.score());
        assertEquals(Optional.empty(), f.comment());
    }

    @Test
    void exitTap_saysGoodbyeWithReminders_thenAsksHowTheVisitWas_andSendsTopicsAndComment() throws Exception {
        for (int attempt = 1;
                !browser.visible("#verdict.bye")
                        || !browser.text("#verdict-title").contains("Zhang S.");
                attempt++) {
            // the allow-list arrives over the broker at start; a tap before it names nobody
            exitReader.present(CredentialKind.CARD_UID, ZHANG);
            try {
                browser.untilText("#verdict-title", "Zhang S.");
            } catch (TimeoutException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
        assertTrue(browser.text("#verdict-title").startsWith("再见"), browser.text("#verdict-title"));
        assertEquals(
                REMINDERS,
                browser.all("#reminders-list li").stream().map(e -> e.getText()).toList());
        browser.until(d -> browser.visible("#feedback.active"), java.time.Duration.ofSeconds(20));
        assertEquals("本次到馆体验如何？", browser.text("#feedback-title"));
        browser.click(".score[data-score='2']");
        browser.click(".topic[data-topic='noise']");
        browser.find("#feedback-comment").sendKeys("空调太冷");
        browser.click("#feedback-send");
        browser.until(d -> !browser.visible("#feedback-more"));

        EventBody.Feedback f = feedback.poll(10, TimeUnit.SECONDS);
        assertEquals(2, f.score());
        assertEquals(EventBody.Feedback.Context.EXIT, f.context());
        assertEquals(Optional.of("噪音; 空调太冷"), f.comment());
        assertEquals(Optional.of(KioskRig.hash(site, ZHANG)), f.patron(), "the score counts under the patron's group");
    }

    private void assertOnlyChinese() {
        List<String> text = browser.visibleText();
        assertFalse(text.isEmpty());
        assertEquals(
                List.of(), text.stream().filter(s -> LATIN.matcher(s).find()).toList(), "English in zh-CN");
    }

    private void assertOnlyEnglish() {
        List<String> text = browser.visibleText();
        assertFalse(text.isEmpty());
        assertEquals(List.of(), text.stream().filter(s -> HAN.matcher(s).find()).toList(), "Chinese in en");
    }

    /**
     * Presents the card until the page shows the verdict: the allow-list is sent over the broker at start,
     * and a tap before it has arrived is decided without it.
     */
    private void tapUntil(String card, String css) {
        for (int attempt = 1; ; attempt++) {
            reader.present(CredentialKind.CARD_UID, card);
            try {
                browser.untilVisible(css);
                return;
            } catch (TimeoutException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }
}
