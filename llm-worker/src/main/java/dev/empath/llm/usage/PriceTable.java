package dev.empath.llm.usage;

import dev.empath.llm.config.LlmWorkerConfigKeys;
import dev.empath.platform.config.EmpathConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Estimated prices per model, in USD per million tokens, from configuration: {@code
 * empath.llm.price.<model>.input} and {@code .output}. Unknown models cost 0 (local models do).
 */
public final class PriceTable {

  private record Price(double input, double output) {}

  private final EmpathConfig config;

  /** Looked up once per model: this runs for every result. */
  private final Map<String, Price> byModel = new ConcurrentHashMap<>();

  public PriceTable(EmpathConfig config) {
    this.config = config;
  }

  public double costUsd(String model, int tokensIn, int tokensOut) {
    Price price = byModel.computeIfAbsent(model, this::price);
    return (tokensIn * price.input() + tokensOut * price.output()) / 1_000_000.0;
  }

  private Price price(String model) {
    return new Price(
        config.get(LlmWorkerConfigKeys.PRICE_INPUT.at(model)),
        config.get(LlmWorkerConfigKeys.PRICE_OUTPUT.at(model)));
  }
}
