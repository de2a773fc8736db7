package dev.empath.whatif.diff;

import dev.empath.llm.usage.PriceTable;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.whatif.config.WhatIfConfigKeys;

/**
 * Estimated cost of generation requests from llm-worker's configured price table ({@code
 * empath.llm.price.<model>.input/.output}): an assumed number of input tokens per request and the
 * request's {@code max_tokens} as output, priced for the model it names or the configured one.
 */
public final class CostEstimate {

  private final PriceTable prices;
  private final String defaultModel;
  private final int inputTokens;

  public CostEstimate(EmpathConfig config) {
    this.prices = new PriceTable(config);
    this.defaultModel = config.get(WhatIfConfigKeys.COST_MODEL);
    this.inputTokens = config.get(WhatIfConfigKeys.COST_INPUT_TOKENS);
  }

  public double usd(GenerationRequest request) {
    String model = request.getModel().isEmpty() ? defaultModel : request.getModel();
    return prices.costUsd(model, inputTokens, request.getMaxTokens());
  }

  /** The assumption, stated with every estimate; says so when the default model has no price. */
  public String assumption() {
    String stated =
        inputTokens
            + " input tokens per request, output = the request's max_tokens, priced as "
            + defaultModel
            + " unless the request names a model (empath.llm.price.<model>.*)";
    if (prices.costUsd(defaultModel, 1_000_000, 1_000_000) == 0) {
      stated += "; no price is configured for " + defaultModel + ", so its requests cost 0";
    }
    return stated;
  }
}
