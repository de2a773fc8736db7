package dev.empath.whatif.config;

import dev.empath.platform.config.ConfigKey;
import dev.empath.platform.config.ConfigKeys;
import java.util.List;

/** The keys {@code ./empath whatif} reads besides the platform's and the services' own. */
public final class WhatIfConfigKeys {

  public static final ConfigKey<String> COST_MODEL =
      ConfigKey.ofString(
          "empath.whatif.cost.model",
          "gpt-4o-mini",
          "model whose empath.llm.price.<model>.* prices estimate the cost of generation requests"
              + " that name no model");

  public static final ConfigKey<Integer> COST_INPUT_TOKENS =
      ConfigKey.ofInt(
              "empath.whatif.cost.input.tokens",
              600,
              "input tokens assumed per generation request (prompt, card, memories) when"
                  + " estimating cost; output is assumed to use the request's max_tokens")
          .atLeast(0);

  public static final ConfigKey<String> STATE_DIR =
      ConfigKey.ofString(
              "empath.whatif.state.dir",
              null,
              "parent of the shadow applications' state directories, one per run id")
          .defaultText("<java.io.tmpdir>/empath-whatif");

  public static final ConfigKeys KEYS =
      ConfigKeys.of(
          "whatif",
          "The what-if command (`./empath whatif`).",
          List.of("empath.whatif."),
          COST_MODEL,
          COST_INPUT_TOKENS,
          STATE_DIR);

  private WhatIfConfigKeys() {}
}
