package dev.empath.cli.demo;

import dev.empath.simulator.LabelSimulator;
import java.time.Duration;

/**
 * How simulated players label their sessions: a check-in every {@code every} of play (zero: none),
 * a share {@code noise} of wrong answers, and a share {@code bias} of answers that are the player's
 * habitual one (see {@link LabelSimulator}).
 */
public record Labelling(Duration every, double noise, double bias) {

  public static final Labelling NONE = new Labelling(Duration.ZERO, 0, 0);

  public Labelling {
    if (every.isNegative() || !(noise >= 0 && noise <= 1) || !(bias >= 0 && bias <= 1)) {
      throw new IllegalArgumentException(
          "the label interval must be >= 0, noise and bias between 0 and 1");
    }
  }

  public boolean enabled() {
    return !every.isZero();
  }

  /** The labeller for sessions whose events are {@code meanGapMs} apart on average. */
  LabelSimulator labeller(long seed, long meanGapMs) {
    int events = (int) Math.max(1, Math.round(every.toMillis() / (double) meanGapMs));
    return new LabelSimulator(seed, noise, bias, events);
  }
}
