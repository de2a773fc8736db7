package dev.empath.cli.config;

import dev.empath.emotion.config.EmotionConfigKeys;
import dev.empath.llm.config.LlmWorkerConfigKeys;
import dev.empath.narrative.config.NarrativeConfigKeys;
import dev.empath.platform.config.ConfigKeys;
import dev.empath.platform.config.PlatformConfigKeys;
import dev.empath.projector.config.ProjectorConfigKeys;
import dev.empath.query.config.QueryApiConfigKeys;
import dev.empath.whatif.config.WhatIfConfigKeys;
import java.util.List;

/**
 * Every group of declared keys in the project, in the order the reference lists them: the CLI
 * depends on every service, so it is where all declarations are visible at once.
 */
public final class ConfigCatalog {

  public static final List<ConfigKeys> ALL =
      List.of(
          PlatformConfigKeys.KEYS,
          EmotionConfigKeys.KEYS,
          NarrativeConfigKeys.KEYS,
          LlmWorkerConfigKeys.KEYS,
          ProjectorConfigKeys.KEYS,
          QueryApiConfigKeys.KEYS,
          WhatIfConfigKeys.KEYS);

  private ConfigCatalog() {}
}
