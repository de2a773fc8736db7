package dev.empath.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.empath.cli.stack.LocalStack;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.v1.GenerationStatus;
import dev.empath.simulator.InteractionSimulator;
import dev.empath.simulator.TelemetryPublisher;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Plays simulated sessions through a running local stack and shows what the pipeline makes of them,
 * live, then a summary. The CLI's output is its user interface, hence the PrintStream.
 */
public final class Demo {

  /** What the demo saw, for the summary and for tests. */
  public record Summary(
      long behaviourEvents,
      long interactions,
      long labels,
      long predictions,
      long decisions,
      long generatedLines,
      long failedGenerations,
      long deadLetters,
      long projected,
      long memoriesOfSamplePlayer) {}

  private static final String SUCCEEDED = GenerationStatus.GENERATION_STATUS_SUCCEEDED.name();
  private static final String FAILED = GenerationStatus.GENERATION_STATUS_FAILED.name();

  private final LocalStack stack;
  private final PrintStream out;
  private final String gameId;

  public Demo(LocalStack stack, PrintStream out, String gameId) {
    this.stack = stack;
    this.out = out;
    this.gameId = gameId;
  }

  public Summary run(int players, Duration duration, long seed) throws InterruptedException {
    return run(players, duration, seed, Labelling.NONE);
  }

  public Summary run(int players, Duration duration, long seed, Labelling labelling)
      throws InterruptedException {
    TopicCatalog topics = stack.topics();
    Playback playback =
        Playback.plan(gameId, players, duration, System.currentTimeMillis() + 500, seed, labelling);
    ApiClient api = new ApiClient(stack.apiUrl(), stack.apiKey());
    out.printf(
        Locale.ROOT,
        "demo: %d players, %d s, %d events (behaviour + character interactions)%n",
        players,
        duration.toSeconds(),
        playback.size());
    try (TopicCounter counter =
            new TopicCounter(
                stack.config(),
                List.of(
                    topics.emotion().name(),
                    topics.narrative().name(),
                    topics.generationResult().name(),
                    topics.interaction().name(),
                    topics.deadLetter().name()),
                Map.of(topics.generationResult().name(), Demo::statusOf));
        TelemetryPublisher publisher =
            new TelemetryPublisher(
                KafkaClientConfigs.producer(stack.config(), "empath-demo"), topics)) {
      Thread player =
          new Thread(
              () -> {
                try {
                  playback.play(publisher);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "demo-playback");
      player.start();
      while (player.isAlive()) {
        player.join(2_000);
        printProgress(playback, counter, topics, api);
      }
      // Let the last events travel through the pipeline before the summary.
      waitForQuiet(counter, topics, Duration.ofSeconds(10));
      printProgress(playback, counter, topics, api);
      Summary summary = summarize(playback, counter, topics, api);
      printSummary(summary);
      return summary;
    }
  }

  private void printProgress(
      Playback playback, TopicCounter counter, TopicCatalog topics, ApiClient api) {
    long projectable =
        counter.count(topics.emotion().name())
            + counter.count(topics.narrative().name())
            + counter.count(topics.generationResult().name())
            + counter.count(topics.interaction().name());
    long lag = Math.max(0, projectable - stack.projector().stats().projected());
    out.printf(
        Locale.ROOT,
        "events %6d | interactions %5d | labels %4d | predictions %6d | decisions %5d | lines %5d (failed %d) | dead letters %d | projection lag %d%n",
        playback.behaviourSent(),
        playback.interactionsSent(),
        playback.labelsSent(),
        counter.count(topics.emotion().name()),
        counter.count(topics.narrative().name()),
        counter.count(topics.generationResult().name(), SUCCEEDED),
        counter.count(topics.generationResult().name(), FAILED),
        counter.count(topics.deadLetter().name()),
        lag);
    for (String session : playback.sessions().subList(0, Math.min(3, playback.sessions().size()))) {
      String emotion =
          api.emotion(gameId, session)
              .map(
                  e ->
                      String.format(
                          Locale.ROOT,
                          "%s (%.2f)",
                          e.path("dominantEmotion").asText(),
                          e.path("confidence").asDouble()))
              .orElse("-");
      String phase =
          api.narrative(gameId, session)
              .map(n -> n.path("phase").asText() + " tone=" + n.path("dialogueTone").asText())
              .orElse("-");
      out.printf(Locale.ROOT, "    %-22s emotion %-20s pacing %s%n", session, emotion, phase);
    }
  }

  private static String statusOf(byte[] value) {
    try {
      return TopicCatalog.standard()
          .generationResult()
          .valueSerde()
          .deserializer()
          .deserialize("", value)
          .getStatus()
          .name();
    } catch (RuntimeException e) {
      return "UNREADABLE";
    }
  }

  private void waitForQuiet(TopicCounter counter, TopicCatalog topics, Duration max)
      throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    long last = -1;
    while (System.nanoTime() < deadline) {
      long now =
          counter.count(topics.emotion().name())
              + counter.count(topics.narrative().name())
              + counter.count(topics.generationResult().name());
      if (now == last && stack.projector().stats().projected() > 0) {
        return;
      }
      last = now;
      Thread.sleep(1_000);
    }
  }

  private Summary summarize(
      Playback playback, TopicCounter counter, TopicCatalog topics, ApiClient api) {
    String samplePlayer = "player-0";
    long memories = 0;
    for (String character : InteractionSimulator.CHARACTERS) {
      Optional<JsonNode> relationship = api.relationship(gameId, character, samplePlayer);
      memories += relationship.map(r -> (long) r.path("memories").size()).orElse(0L);
    }
    return new Summary(
        playback.behaviourSent(),
        playback.interactionsSent(),
        playback.labelsSent(),
        counter.count(topics.emotion().name()),
        counter.count(topics.narrative().name()),
        counter.count(topics.generationResult().name(), SUCCEEDED),
        counter.count(topics.generationResult().name(), FAILED),
        counter.count(topics.deadLetter().name()),
        stack.projector().stats().projected(),
        memories);
  }

  private void printSummary(Summary s) {
    String session = "player-0-session-0";
    out.println();
    out.println("summary");
    out.printf(Locale.ROOT, "  behaviour events published   %d%n", s.behaviourEvents());
    out.printf(Locale.ROOT, "  character interactions       %d%n", s.interactions());
    out.printf(Locale.ROOT, "  labels                       %d%n", s.labels());
    out.printf(Locale.ROOT, "  emotion predictions          %d%n", s.predictions());
    out.printf(Locale.ROOT, "  narrative decisions          %d%n", s.decisions());
    out.printf(Locale.ROOT, "  generated lines              %d%n", s.generatedLines());
    out.printf(Locale.ROOT, "  generations failed (late)    %d%n", s.failedGenerations());
    out.printf(Locale.ROOT, "  records projected to Redis   %d%n", s.projected());
    out.printf(
        Locale.ROOT,
        "  memories of player-0 (top 5 per character) %d%n",
        s.memoriesOfSamplePlayer());
    out.printf(Locale.ROOT, "  dead letters                 %d%n", s.deadLetters());
    out.println();
    out.println("try the API:");
    String auth = "-H 'Authorization: Bearer " + stack.apiKey() + "'";
    String base = stack.apiUrl() + "/v1/games/" + gameId;
    out.println("  curl " + auth + " " + base + "/sessions/" + session + "/emotion");
    out.println(
        "  curl "
            + auth
            + " '"
            + base
            + "/sessions/"
            + session
            + "/emotion/timeline?limit=5&order=desc'");
    out.println("  curl " + auth + " " + base + "/sessions/" + session + "/narrative");
    out.println("  curl " + auth + " " + base + "/characters/aria");
    out.println("  curl " + auth + " '" + base + "/characters/aria/players/player-0?limit=5'");
    out.println("  curl " + auth + " " + base + "/usage");
  }
}
