package dev.empath.simulator;

import dev.empath.schemas.v1.PlayerBehaviorData;
import java.util.SplittableRandom;

/**
 * How each arc shapes one behaviour event. Numbers are relative to the player's pace, so two
 * players differing only in pace produce the same relative changes.
 */
final class ArcBehavior {

  /** Decision latency and actions per minute of a typical player (pace 1.0) in a calm moment. */
  static final double TYPICAL_LATENCY_MS = 1_200;

  static final double TYPICAL_ACTIONS_PER_MINUTE = 60;

  private static final int CHOICE_WINDOW = 5;
  private static final int CHOICE_KINDS = 8;

  private ArcBehavior() {}

  /** Mutable progress of one session while it is generated (deaths are cumulative). */
  static final class SessionProgress {
    int deaths;
    double progress;
  }

  static void shape(
      PlayerBehaviorData.Builder b,
      Arc arc,
      double t,
      double pace,
      SessionProgress session,
      SplittableRandom random) {
    double latency = TYPICAL_LATENCY_MS * pace;
    double apm = TYPICAL_ACTIONS_PER_MINUTE / pace;
    switch (arc) {
      case CALM_EXPLORATION -> {
        b.setDecisionLatencyMs((float) (latency * noise(random, 0.12)));
        b.setActionFrequency(round(apm * noise(random, 0.12)));
        variedChoices(b, random);
        session.progress = Math.min(1, session.progress + 0.004);
        b.putContextData("progress", (float) session.progress);
        b.putContextData("combat_intensity", 0f);
        if (random.nextInt(8) == 0) {
          b.putContextData("success", 1f);
        }
      }
      case RISING_FRUSTRATION -> {
        // Impatient retries: quicker but erratic decisions, more button presses, same choice again.
        b.setDecisionLatencyMs((float) (latency * (1 - 0.3 * t) * noise(random, 0.35)));
        b.setActionFrequency(round(apm * (1.2 + 0.6 * t) * noise(random, 0.12)));
        repeatedChoices(b, random, 3, 0.8);
        if (random.nextInt(3) == 0) {
          session.deaths++;
        }
        b.putContextData("deaths", session.deaths);
        b.putContextData("damage_taken", (float) (20 + 40 * t + random.nextDouble() * 10));
        b.putContextData("success", 0f);
        b.putContextData("progress", (float) session.progress);
        b.putContextData("combat_intensity", 0.3f);
      }
      case COMBAT_EXCITEMENT -> {
        b.setDecisionLatencyMs((float) (latency * 0.55 * noise(random, 0.12)));
        b.setActionFrequency(round(apm * 2.0 * noise(random, 0.1)));
        variedChoices(b, random);
        session.progress = Math.min(1, session.progress + 0.01);
        b.putContextData("progress", (float) session.progress);
        b.putContextData(
            "combat_intensity", (float) Math.min(1, 0.8 + (random.nextDouble() - 0.5) * 0.2));
        b.putContextData("success", random.nextDouble() < 0.75 ? 1f : 0f);
        b.putContextData("damage_taken", (float) (random.nextDouble() * 12));
        b.putContextData("deaths", session.deaths);
      }
      case REPETITIVE_BOREDOM -> {
        b.setDecisionLatencyMs((float) (latency * 1.7 * noise(random, 0.1)));
        b.setActionFrequency(round(apm * 0.45 * noise(random, 0.1)));
        repeatedChoices(b, random, 1, 1.0);
        b.putContextData("progress", (float) session.progress);
        b.putContextData("combat_intensity", 0f);
      }
    }
  }

  /** Log-normal multiplicative noise with the given spread, median 1. */
  private static double noise(SplittableRandom random, double spread) {
    return Math.exp(gaussian(random) * spread);
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  private static int round(double value) {
    return (int) Math.max(0, Math.round(value));
  }

  private static void variedChoices(PlayerBehaviorData.Builder b, SplittableRandom random) {
    for (int i = 0; i < CHOICE_WINDOW; i++) {
      b.addRecentChoices(random.nextInt(CHOICE_KINDS));
    }
  }

  private static void repeatedChoices(
      PlayerBehaviorData.Builder b, SplittableRandom random, int choice, double sameProbability) {
    for (int i = 0; i < CHOICE_WINDOW; i++) {
      b.addRecentChoices(
          random.nextDouble() < sameProbability ? choice : random.nextInt(CHOICE_KINDS));
    }
  }
}
