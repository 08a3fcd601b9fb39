package io.stevedore.runtime.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stevedore.runtime.query.DashboardData;
import io.stevedore.runtime.testing.TestTenants.TestTenant;
import io.stevedore.runtime.testing.WorkerTestPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard page in a real headless Chromium, on what a real worker stored: signed in with
 * acme's key it shows acme's devices, events, chart and queue, and never anything of globex; a
 * wrong key shows nothing. The screenshot lands in target/ (and in the file named by
 * -Dstevedore.dashboard.screenshot, which is how docs/dashboard.png is made).
 */
class DashboardPageIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static WorkerTestPlatform platform;
  private static TestTenant acme;
  private static TestTenant globex;
  private static String base;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() {
    platform = WorkerTestPlatform.start();
    acme = platform.addTenant("acme");
    globex = platform.addTenant("globex");
    var worker = platform.startWorker(Map.of());
    Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(3));
    DashboardData.store(platform, worker, acme, globex, start);
    var ingest = platform.startIngest(Map.of());
    base = "http://127.0.0.1:" + ingest.getEnvironment().getRequiredProperty("local.server.port");
    browser = HeadlessChromium.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    platform.close();
  }

  @Test
  void signedInWithAcmesKeyItShowsAcmesDataAndNothingOfGlobex() throws Exception {
    signIn(acme.apiKey());
    await().atMost(WAIT).ignoreExceptions().until(() -> loaded() && rows("events").size() == 5);

    assertThat(rows("events").stream().map(row -> row.getDomAttribute("data-event-id")))
        .containsExactlyElementsOf(DashboardData.ACME_NEWEST_FIRST);
    assertThat(rows("devices").stream().map(row -> row.getDomAttribute("data-device")))
        .containsExactly("truck-1", "truck-2", "truck-3");
    assertThat(browser.findElement(By.id("chart")).getDomAttribute("data-types"))
        .isEqualTo("location,temperature");
    assertThat(browser.findElements(By.cssSelector("#chart canvas"))).isNotEmpty();
    assertThat(browser.findElement(By.id("counts-total")).getText()).startsWith("5 events");
    assertThat(browser.findElement(By.id("queue-dead-lettered")).getText()).isEqualTo("0");
    assertThat(browser.getPageSource())
        .doesNotContain(DashboardData.GLOBEX_SECRET, "data-event-id=\"g1\"");
    screenshot();
  }

  @Test
  void aWrongKeyIsRefusedAndShowsNothing() {
    signIn("stv_not-a-key");

    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(() -> !browser.findElement(By.id("sign-in-error")).getText().isEmpty());
    assertThat(browser.findElement(By.id("sign-in-error")).getText()).contains("Unknown API key");
    assertThat(browser.findElement(By.id("dashboard")).isDisplayed()).isFalse();
    assertThat(rows("events")).isEmpty();
  }

  @Test
  void thePageAndEverythingItLoadsComeFromThePlatformUnderAStrictPolicy() throws Exception {
    var page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/dashboard")).build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValue(DashboardPageController.CONTENT_SECURITY_POLICY);
    assertThat(page.body()).doesNotContain("http://", "https://", "<style", "onclick");
    signIn(acme.apiKey());
    await().atMost(WAIT).ignoreExceptions().until(DashboardPageIT::loaded);
    @SuppressWarnings("unchecked")
    var resources =
        (List<String>)
            browser.executeScript(
                "return performance.getEntriesByType('resource').map(r => r.name)");
    assertThat(resources).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(base + "/"));
  }

  private static void signIn(String key) {
    browser.get(base + "/dashboard");
    browser.executeScript("sessionStorage.clear()");
    browser.navigate().refresh();
    await().atMost(WAIT).until(() -> browser.findElement(By.id("api-key")).isDisplayed());
    browser.findElement(By.id("api-key")).sendKeys(key);
    browser.findElement(By.id("sign-in-button")).click();
  }

  private static boolean loaded() {
    return "true".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-loaded"));
  }

  private static List<WebElement> rows(String table) {
    return browser.findElements(By.cssSelector("#" + table + " tr"));
  }

  private static void screenshot() throws Exception {
    byte[] png = browser.getScreenshotAs(OutputType.BYTES);
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    Files.write(Path.of("target", "dashboard.png"), png);
    String copy = System.getProperty("stevedore.dashboard.screenshot");
    if (copy != null) {
      Files.write(Path.of(copy), png);
    }
  }
}
