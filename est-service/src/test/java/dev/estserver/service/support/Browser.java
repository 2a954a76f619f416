package dev.estserver.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through its own chromedriver (installed by {@code make tools}); never a
 * browser or driver downloaded by Selenium. It trusts the test service's certificate, as an operator's browser
 * trusts the service's CA.
 */
public final class Browser implements AutoCloseable {

    private static final String SCREENSHOTS_DIR = "target/console-screenshots";
    public static final Path SCREENSHOTS = Path.of(SCREENSHOTS_DIR);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** The widths the console is made for: a laptop and a phone. */
    private static final int[] WIDTHS = {1280, 390};

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    public static Browser start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the console's browser tests need Debian's Chromium and chromedriver: "
                    + "run make tools (scripts/test-tools.sh)");
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                        "--ignore-certificate-errors");
        options.setAcceptInsecureCerts(true);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        return new Browser(driver);
    }

    /** Opens a console path, such as {@code /console/devices}. */
    public Browser open(String path) {
        driver.get(EstClient.ROOT + path);
        return this;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    public String text(String css) {
        return find(css).getText();
    }

    public String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    /** Clicks what submits a form or follows a link, and waits until the next page has replaced this one. */
    public Browser click(String css) {
        driver.executeScript("window.consoleTestPage = 'old'");
        find(css).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(driver.executeScript(
                        "return window.consoleTestPage === undefined && document.readyState === 'complete'")));
        return this;
    }

    /** Signs in with a token through the sign-in form, as an operator would. */
    public Browser signIn(String token) {
        open("/console/sign-in");
        find("#token").sendKeys(token);
        return click("#sign-in");
    }

    /** The value of a cookie, HttpOnly ones included, for a test to forge requests with. */
    public String cookie(String name) {
        return driver.manage().getCookieNamed(name).getValue();
    }

    /** Screenshots of the page at each width the console is made for, under {@value #SCREENSHOTS_DIR}. */
    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            for (int width : WIDTHS) {
                driver.manage().window().setSize(new Dimension(width, 900));
                long height = ((Number) driver.executeScript("return document.documentElement.scrollHeight"))
                        .longValue();
                driver.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height, 600), 4000)));
                Files.write(SCREENSHOTS.resolve(name + "-" + width + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            }
            driver.manage().window().setSize(new Dimension(WIDTHS[0], 900));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
