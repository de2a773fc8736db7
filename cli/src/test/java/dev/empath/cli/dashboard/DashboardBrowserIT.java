package dev.empath.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.empath.cli.demo.Playback;
import dev.empath.cli.stack.LocalStack;
import dev.empath.cli.stack.StackOptions;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.query.auth.KeyHash;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.simulator.TelemetryPublisher;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The dashboard in a real headless Chromium against the whole local stack with simulated players:
 * one stack and one browser for every test. Each view is checked against the API and photographed
 * (target/dashboard/ and docs/dashboard-*.png); no page may log a script error.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

  private static final String GAME = "dash-game";
  private static final String KEY = "dash-key";
  private static final String OTHER_KEY = "other-game-key";
  private static final String OTHER_KEY_PROPERTY =
      "empath.api.keys." + KeyHash.sha256Hex(OTHER_KEY);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;
  private static LocalStack stack;
  private static Playback playback;
  private static Browser browser;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startStackPlayAndOpenABrowser() throws Exception {
    assertThat(Browser.installed())
        .as(
            "chromium and chromedriver (Debian: apt-get install chromium chromium-driver; .ci/run does)")
        .isTrue();
    // A second key, for another game only: the query-api reads system properties too.
    System.setProperty(OTHER_KEY_PROPERTY, "other-game");
    stack = LocalStack.start(new StackOptions(0, 0, 0, KEY, Set.of(GAME), dataDir, true));
    assertThat(stack.awaitRunning(Duration.ofSeconds(90))).isTrue();
    playback = Playback.plan(GAME, 4, Duration.ofSeconds(8), System.currentTimeMillis(), 5);
    try (TelemetryPublisher publisher =
        new TelemetryPublisher(
            KafkaClientConfigs.producer(stack.config(), "dash-it"), stack.topics())) {
      playback.play(publisher);
    }
    browser = new Browser();
  }

  @AfterAll
  static void stop() {
    System.clearProperty(OTHER_KEY_PROPERTY);
    if (browser != null) {
      browser.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @AfterEach
  void noScriptErrors() {
    assertThat(browser.scriptErrors()).as("errors in the browser console").isEmpty();
  }

  @Test
  @Order(1)
  void theOverviewListsTheSimulatedSessions() {
    open("/dashboard#key=" + KEY + "&game=" + GAME);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(listedSessions())
                    .containsExactlyInAnyOrderElementsOf(playback.sessions()));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> !browser.driver.findElements(By.cssSelector("#rates .figure")).isEmpty());
    // The key left the address bar; it lives in this tab only.
    assertThat(browser.driver.getCurrentUrl()).doesNotContain(KEY);
    assertThat(browser.script("return sessionStorage.getItem('empath.key')")).isEqualTo(KEY);
    browser.screenshot("dashboard-overview.png");
  }

  @Test
  @Order(2)
  void aSessionChartHasAsManyPointsAsTheTimelineOfTheSameRange() throws Exception {
    String session = playback.sessions().get(0);
    open("/dashboard#/games/" + GAME + "/sessions/" + session);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> chart =
                  (Map<String, Object>)
                      browser.script(
                          "const d = document.getElementById('affect-chart').dataset;"
                              + " return {points: d.points, first: d.firstMs, last: d.lastMs};");
              // Not drawn yet: an assertion, so that the wait goes on (a parse error would not).
              assertThat(chart.get("points")).as("chart drawn").isNotNull();
              int points = Integer.parseInt(String.valueOf(chart.get("points")));
              assertThat(points).isPositive();
              int api = timelineCount(session, chart.get("first"), chart.get("last"));
              assertThat(points).isEqualTo(api);
            });
    await().atMost(Duration.ofSeconds(10)).until(() -> "live".equals(badge()));
    browser.screenshot("dashboard-session.png");
  }

  @Test
  @Order(3)
  void aNewPredictionAppearsOnTheOpenPageWithoutReload() throws Exception {
    String session = playback.sessions().get(0);
    assertThat(browser.driver.getCurrentUrl()).contains("/sessions/" + session);
    browser.script("window.notReloaded = true;");
    String id = "browser-it-" + System.nanoTime();
    EmotionPrediction prediction =
        EmotionPrediction.newBuilder()
            .setPredictionId(id)
            .setGameId(GAME)
            .setPlayerId("player-0")
            .setSessionId(session)
            .setDominantEmotion("joy")
            .setConfidence(0.9f)
            .setTimestampMs(System.currentTimeMillis())
            .setValence(0.8f)
            .setArousal(0.6f)
            .putAllScores("joy", 0.9f)
            .build();
    var emotion = stack.topics().emotion();
    try (var producer =
        new KafkaProducer<>(
            KafkaClientConfigs.producer(stack.config(), "dash-it-live"),
            emotion.keySerde().serializer(),
            emotion.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(emotion.name(), session, prediction)).get();
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                id.equals(
                    browser.script(
                        "return document.getElementById('affect-chart').dataset.lastPrediction")));
    assertThat(browser.script("return window.notReloaded === true")).isEqualTo(true);
  }

  @Test
  @Order(4)
  void theCharacterViewShowsRelationshipsMemoriesAndLines() {
    open("/dashboard#/games/" + GAME + "/characters/aria");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !browser.driver.findElements(By.cssSelector("#relationships tbody tr")).isEmpty()
                    && !browser.driver.findElements(By.cssSelector("#memories li")).isEmpty());
    assertThat(browser.driver.findElement(By.id("character-state")).getText()).contains("mood");
    browser.screenshot("dashboard-character.png");
  }

  @Test
  @Order(5)
  void aKeyForAnotherGameSeesNoneOfItsSessionsAndThePageSaysWhy() {
    browser.script("sessionStorage.clear();");
    open("/dashboard#key=" + OTHER_KEY + "&game=" + GAME);
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(browser.driver.findElement(By.id("message")).getText())
                    .contains("may not read game", "403"));
    assertThat(listedSessions()).isEmpty();
    browser.screenshot("dashboard-forbidden.png");
  }

  private static void open(String path) {
    browser.driver.get(stack.apiUrl() + path);
  }

  private static List<String> listedSessions() {
    return browser.driver.findElements(By.cssSelector("#sessions tbody tr")).stream()
        .map(r -> r.getAttribute("data-session"))
        .toList();
  }

  private static String badge() {
    return browser.driver.findElement(By.id("live")).getText();
  }

  private static int timelineCount(String session, Object from, Object to) throws Exception {
    String uri =
        stack.apiUrl()
            + "/v1/games/"
            + GAME
            + "/sessions/"
            + URLEncoder.encode(session, StandardCharsets.UTF_8)
            + "/emotion/timeline?order=asc&limit=1000&from="
            + from
            + "&to="
            + to;
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + KEY)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode page = JSON.readTree(r.body());
    List<JsonNode> items = new ArrayList<>();
    page.path("items").forEach(items::add);
    return items.size();
  }
}
