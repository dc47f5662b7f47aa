package dev.carrel.demo.kiosk;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver (STACK.md, "Browser tests (verified)"): one per
 * test class, sized like the kiosk's screen (or the staff dashboard's, which uses it too). Nothing is ever downloaded: without the two binaries the tests
 * are skipped, saying why.
 */
public final class KioskBrowser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    /** Portrait (gate, room door) and landscape (reading room) kiosk screens. */
    static final Dimension PORTRAIT = new Dimension(1080, 1920);

    public static final Dimension LANDSCAPE = new Dimension(1920, 1080);

    /** The visible text of the page outside translate="no" (patron data, seat numbers, codes). */
    private static final String VISIBLE_TEXT = """
            const out = [];
            const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walk.nextNode()) {
              const text = walk.currentNode.textContent.trim();
              const parent = walk.currentNode.parentElement;
              if (!text || parent.closest('[translate=no]') || !parent.checkVisibility()) continue;
              out.push(text);
            }
            return out;""";

    private final ChromeDriver driver;

    private KioskBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    public static KioskBrowser open(Dimension size) {
        assumeTrue(
                new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "kiosk browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "); .ci/run installs them");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--window-size=" + size.width + "," + size.height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        KioskBrowser browser = new KioskBrowser(new ChromeDriver(service, options));
        browser.resize(size);
        return browser;
    }

    /** Makes the page's viewport exactly the kiosk's screen (the window may add a frame even headless). */
    public void resize(Dimension size) {
        driver.manage().window().setSize(size);
        long w = (Long) driver.executeScript("return window.innerWidth");
        long h = (Long) driver.executeScript("return window.innerHeight");
        driver.manage()
                .window()
                .setSize(new Dimension(size.width + (size.width - (int) w), size.height + (size.height - (int) h)));
    }

    /**
     * Loads the kiosk page of the agent at that port and waits until it has its first data and its event stream
     * is open: a card presented before the stream opens would never reach the page.
     */
    void load(int port, String query) {
        driver.get("http://127.0.0.1:" + port + "/" + query);
        until(d -> (Boolean) driver.executeScript(
                "return !document.body.classList.contains('booting') && document.body.classList.contains('live')"));
    }

    public ChromeDriver driver() {
        return driver;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String text(String css) {
        return find(css).getText();
    }

    public boolean visible(String css) {
        List<WebElement> found = all(css);
        return !found.isEmpty() && found.getFirst().isDisplayed();
    }

    /** Waits up to five seconds for the condition, and says what it waited for when it fails. */
    public <T> T until(ExpectedCondition<T> condition) {
        return until(condition, Duration.ofSeconds(5));
    }

    /** Waits up to {@code within} for the condition. */
    public <T> T until(ExpectedCondition<T> condition, Duration within) {
        // The page re-renders on every event, so an element found a moment ago may be gone: look again.
        return new WebDriverWait(driver, within)
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .until(condition);
    }

    public void untilVisible(String css) {
        until(d -> visible(css));
    }

    public void untilText(String css, String expected) {
        until(d -> visible(css) && text(css).contains(expected));
    }

    @SuppressWarnings("unchecked")
    public List<String> visibleText() {
        return (List<String>) driver.executeScript(VISIBLE_TEXT);
    }

    public String language() {
        return (String) driver.executeScript("return document.documentElement.lang");
    }

    /** Clicks the element the selector names when it is there and stable (re-rendered pages replace it). */
    public void click(String css) {
        until(d -> {
            find(css).click();
            return true;
        });
    }

    public void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
