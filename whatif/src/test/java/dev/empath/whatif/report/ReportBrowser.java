package dev.empath.whatif.report;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/** Opens a report in Debian's headless Chromium (its own chromedriver) and reports what it drew. */
public final class ReportBrowser {

  /** What the page showed. */
  public record Rendered(List<String> charts, List<String> chartsWithCanvas, List<LogEntry> log) {}

  private ReportBrowser() {}

  public static Rendered open(Path html, Path screenshot) throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    try {
      driver.manage().window().setSize(new Dimension(1280, 2600));
      driver.get(html.toUri().toString());
      // Reading the browser log drains it: what each poll reads is kept.
      List<LogEntry> log = new java.util.ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                log.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
                return !log.isEmpty()
                    || "true"
                        .equals(
                            driver.findElement(By.tagName("body")).getAttribute("data-rendered"));
              });
      List<WebElement> charts = driver.findElements(By.cssSelector("[data-chart]"));
      List<String> names = charts.stream().map(c -> c.getAttribute("data-chart")).toList();
      List<String> drawn =
          charts.stream()
              .filter(c -> !c.findElements(By.tagName("canvas")).isEmpty())
              .map(c -> c.getAttribute("data-chart"))
              .toList();
      Files.write(screenshot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      log.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
      return new Rendered(names, drawn, log);
    } finally {
      driver.quit();
    }
  }
}
