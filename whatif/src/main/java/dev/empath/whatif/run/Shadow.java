package dev.empath.whatif.run;

import dev.empath.emotion.config.EmotionConfigKeys;
import dev.empath.emotion.topology.EmotionTopology;
import dev.empath.narrative.config.NarrativeConfigKeys;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.whatif.config.WhatIfConfigKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The names of one run: every topic, application id (so consumer group, internal topics and
 * transactional ids) and state directory starts with {@code whatif.<run-id>.}, so nothing a run
 * writes can be mistaken for, or collide with, production.
 */
public record Shadow(
    String prefix,
    TopicCatalog production,
    TopicCatalog catalog,
    String emotionAppId,
    String narrativeAppId,
    Path stateDir) {

  /** The shadow of the production that {@code config} describes. */
  public static Shadow of(EmpathConfig config, String runId) {
    String prefix = "whatif." + runId + ".";
    String productionPrefix = config.topicPrefix();
    Path root =
        config
            .find(WhatIfConfigKeys.STATE_DIR)
            .map(Path::of)
            .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "empath-whatif"));
    return new Shadow(
        prefix,
        TopicCatalog.withPrefix(productionPrefix),
        TopicCatalog.withPrefix(prefix + productionPrefix),
        prefix + config.get(EmotionConfigKeys.APPLICATION_ID),
        prefix + config.get(NarrativeConfigKeys.APPLICATION_ID),
        root.resolve(runId));
  }

  /** Every shadow topic the two applications read or write, besides their internal ones. */
  public List<TopicSpec<?, ?>> topics() {
    List<TopicSpec<?, ?>> all = new ArrayList<>(catalog.all());
    all.add(EmotionTopology.baselineTopic(catalog));
    return all;
  }

  /** The production topic a shadow topic stands in for. */
  public String productionName(String shadowTopic) {
    return shadowTopic.substring(prefix.length());
  }
}
