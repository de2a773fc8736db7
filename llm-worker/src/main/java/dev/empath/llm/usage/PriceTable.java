package dev.empath.llm.usage;

import dev.empath.platform.config.EmpathConfig;

/**
 * Estimated prices per model, in USD per million tokens, from configuration: {@code
 * empath.llm.price.<model>.input} and {@code .output}. Unknown models cost 0 (local models do).
 */
public final class PriceTable {

  private final EmpathConfig config;

  public PriceTable(EmpathConfig config) {
    this.config = config;
  }

  public double costUsd(String model, int tokensIn, int tokensOut) {
    String p = "empath.llm.price." + model + ".";
    return (tokensIn * config.getDouble(p + "input", 0)
            + tokensOut * config.getDouble(p + "output", 0))
        / 1_000_000.0;
  }
}
