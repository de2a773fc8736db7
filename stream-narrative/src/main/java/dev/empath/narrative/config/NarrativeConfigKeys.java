package dev.empath.narrative.config;

import dev.empath.platform.config.ConfigKey;
import dev.empath.platform.config.ConfigKeys;
import java.util.List;

/**
 * The keys stream-narrative reads, besides the platform's; {@link NarrativeSettings} holds them.
 */
public final class NarrativeConfigKeys {

  public static final ConfigKey<String> APPLICATION_ID =
      ConfigKey.ofString(
          "empath.narrative.application.id",
          "empath-stream-narrative",
          "Kafka Streams application id: consumer group and prefix of internal topics");

  public static final ConfigKey<String> DEFAULT_POLICY_FILE =
      ConfigKey.ofString(
              "empath.narrative.default.policy.file",
              null,
              "policy document (protobuf JSON) for games without a published policy")
          .defaultText("the shipped default policy");

  public static final ConfigKeys KEYS =
      ConfigKeys.of(
          "stream-narrative",
          "Emotion predictions to narrative decisions and generation requests (`NarrativeApp`);"
              + " policies per game are published at run time with `publish-policy`.",
          List.of("empath.narrative."),
          APPLICATION_ID,
          DEFAULT_POLICY_FILE);

  private NarrativeConfigKeys() {}
}
