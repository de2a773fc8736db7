package dev.empath.whatif.run;

import dev.empath.emotion.config.EmotionSettings;
import dev.empath.emotion.model.EmotionModel;
import dev.empath.emotion.model.EmotionModels;
import dev.empath.emotion.topology.EmotionTopology;
import dev.empath.history.progress.Progress;
import dev.empath.narrative.config.NarrativeSettings;
import dev.empath.narrative.topology.NarrativeTopology;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.schemas.v1.NarrativePolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shadow half of a what-if: copies production's input of the range (and the warm-up before it)
 * into the run's shadow topics while the production topologies, with the candidates, process it as
 * real Kafka Streams applications, until each has consumed all of its input.
 */
public final class ShadowRun {

  private static final Logger log = LoggerFactory.getLogger(ShadowRun.class);

  /**
   * What the shadow run copied and how long each part took: the copy (the applications already
   * processing), then the wait for emotion to finish, then for narrative.
   */
  public record Result(
      long behaviourCopied,
      long interactionsCopied,
      long policiesCopied,
      String modelVersion,
      String policyVersion,
      long copyMs,
      long emotionMs,
      long narrativeMs) {}

  private final EmpathConfig config;
  private final Admin admin;
  private final Shadow shadow;
  private final ShadowTopics topics;
  private final Function<String, Progress> progress;

  public ShadowRun(
      EmpathConfig config, Admin admin, Shadow shadow, Function<String, Progress> progress) {
    this.config = config;
    this.admin = admin;
    this.shadow = shadow;
    this.topics = new ShadowTopics(admin, shadow, config.topicReplicationFactor());
    this.progress = progress;
  }

  /** Deletes what a run of this id left: topics, groups, state. */
  public int deleteLeftovers() {
    int deleted = topics.deleteAll();
    deleteRecursively(shadow.stateDir());
    return deleted;
  }

  /**
   * Policies are copied first: the narrative application reads its global policy store to the end
   * before it directs anything, so every decision is made under them. Both applications then start
   * and process the behaviour while it is being copied, as production processes it while it
   * arrives; each is waited for until it has consumed all of its input, emotion first.
   */
  public Result run(WhatIfRequest request) {
    int leftovers = deleteLeftovers();
    if (leftovers > 0) {
      log.info(
          "removed {} topics and groups left by an earlier run {}", leftovers, shadow.prefix());
    }
    topics.create();
    NarrativePolicy candidatePolicy = request.policy().map(p -> forGame(p, request)).orElse(null);
    EmotionModel model =
        request.model().map(EmotionModels::of).orElseGet(() -> EmotionModels.fromConfig(config));
    long t0 = System.nanoTime();
    try (RecordCopier copier = new RecordCopier(config, shadow)) {
      long policies =
          copier.copyAll(
              shadow.production().narrativePolicyAccepted().name(),
              shadow.catalog().narrativePolicyAccepted().name(),
              progress.apply("copying " + shadow.production().narrativePolicyAccepted().name()));
      if (candidatePolicy != null) {
        // Validated as admission validates it (PolicyDocuments), so it goes straight to the
        // accepted topic; also published where publish-policy would, for the shadow admission.
        copier.publish(shadow.catalog().narrativePolicyAccepted(), candidatePolicy);
        copier.publish(shadow.catalog().narrativePolicy(), candidatePolicy);
      }
      try (ShadowApp emotion = emotionApp(model);
          ShadowApp narrative = narrativeApp()) {
        emotion.start();
        narrative.start();
        long behaviour =
            copier.copyRange(
                shadow.production().behavior(),
                shadow.catalog().behavior(),
                request.copyFromMs(),
                request.toMs(),
                b -> request.inGame(b.getGameId()),
                request.game().isEmpty(),
                progress.apply("copying " + shadow.production().behavior().name()));
        long interactions =
            copier.copyRange(
                shadow.production().interaction(),
                shadow.catalog().interaction(),
                request.copyFromMs(),
                request.toMs(),
                i -> request.inGame(i.getGameId()),
                request.game().isEmpty(),
                progress.apply("copying " + shadow.production().interaction().name()));
        long t1 = System.nanoTime();
        emotion.awaitCaughtUp(admin, progress.apply("shadow emotion " + shadow.emotionAppId()));
        long t2 = System.nanoTime();
        narrative.awaitCaughtUp(
            admin, progress.apply("shadow narrative " + shadow.narrativeAppId()));
        long t3 = System.nanoTime();
        return new Result(
            behaviour,
            interactions,
            policies,
            model.version(),
            candidatePolicy == null ? "" : candidatePolicy.getVersion(),
            (t1 - t0) / 1_000_000,
            (t2 - t1) / 1_000_000,
            (t3 - t2) / 1_000_000);
      }
    }
  }

  private ShadowApp emotionApp(EmotionModel model) {
    EmotionSettings settings =
        EmotionSettings.from(config).withApplicationId(shadow.emotionAppId());
    return app(
        shadow.emotionAppId(),
        EmotionTopology.buildTopology(shadow.catalog(), settings, model),
        "emotion");
  }

  private ShadowApp narrativeApp() {
    NarrativeSettings production = NarrativeSettings.from(config);
    NarrativeSettings settings =
        new NarrativeSettings(shadow.narrativeAppId(), production.defaultPolicy());
    return app(
        shadow.narrativeAppId(),
        NarrativeTopology.buildTopology(shadow.catalog(), settings),
        "narrative");
  }

  private ShadowApp app(
      String applicationId, org.apache.kafka.streams.Topology topology, String name) {
    Path state = shadow.stateDir().resolve(name);
    try {
      Files.createDirectories(state);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the state directory " + state, e);
    }
    return new ShadowApp(
        config,
        shadow.prefix(),
        applicationId,
        topology,
        shadow.catalog().deadLetter().name(),
        state);
  }

  /** {@code --game} names the game the candidate policy is for, as {@code promote --game} does. */
  private static NarrativePolicy forGame(NarrativePolicy policy, WhatIfRequest request) {
    return request.game().map(g -> policy.toBuilder().setGameId(g).build()).orElse(policy);
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
