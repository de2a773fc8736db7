package dev.empath.emotion.baseline;

/**
 * A player's own normal pace, kept across sessions: the log of decision latency, the log of actions
 * per minute, and how much latency usually jumps between events. Features are judged against it, so
 * a slow reader is not "anxious" for reading slowly.
 *
 * <p>A new player starts from a population prior worth {@value #PRIOR_WEIGHT} observations. Each
 * event moves the baseline by {@code 1 / (observations + PRIOR_WEIGHT + 1)} (a running mean), never
 * less than {@value #MIN_ALPHA}, so a long-time player's baseline still follows slow drift but one
 * bad session barely moves it.
 */
public record PlayerBaseline(
    long observations, double logLatency, double logActionRate, double latencyJitter) {

  public static final double PRIOR_LATENCY_MS = 1_200;
  public static final double PRIOR_ACTIONS_PER_MINUTE = 60;
  public static final double PRIOR_JITTER = 0.12;
  static final int PRIOR_WEIGHT = 5;
  static final double MIN_ALPHA = 0.005;

  /** Observations after which the baseline is trusted halfway (see {@link #trust()}). */
  static final double HALF_TRUST_OBSERVATIONS = 20;

  public static PlayerBaseline prior() {
    return new PlayerBaseline(
        0, Math.log(PRIOR_LATENCY_MS), Math.log(PRIOR_ACTIONS_PER_MINUTE), PRIOR_JITTER);
  }

  /** The baseline after one more event of the player. */
  public PlayerBaseline observe(double eventLogLatency, double eventLogActionRate, double jitter) {
    double alpha = Math.max(1.0 / (observations + PRIOR_WEIGHT + 1), MIN_ALPHA);
    return new PlayerBaseline(
        observations + 1,
        logLatency + alpha * (eventLogLatency - logLatency),
        logActionRate + alpha * (eventLogActionRate - logActionRate),
        latencyJitter + alpha * (jitter - latencyJitter));
  }

  /** 0 for a player never seen (prior only) rising towards 1 as the player's own data grows. */
  public double trust() {
    return observations / (observations + HALF_TRUST_OBSERVATIONS);
  }
}
