package dev.empath.readmodel.character;

/**
 * Exponential decay toward a neutral value. The projector applies it between events (using event
 * time, so a rebuild gives the same numbers) and readers apply it from the last update to now, so
 * nothing has to rewrite Redis while time passes.
 *
 * @param halfLifeMs time after which the distance to neutral has halved
 */
public record Decay(long halfLifeMs) {

  /** Relationships drift halfway back to neutral in a week without contact. */
  public static final Decay RELATIONSHIP = new Decay(7L * 24 * 3600 * 1000);

  /** A character's mood settles within hours. */
  public static final Decay MOOD = new Decay(2L * 3600 * 1000);

  public Decay {
    if (halfLifeMs <= 0) {
      throw new IllegalArgumentException("half-life must be positive: " + halfLifeMs);
    }
  }

  /** {@code value} after {@code elapsedMs}, moving toward {@code neutral}; never overshoots. */
  public double apply(double value, double neutral, long elapsedMs) {
    if (elapsedMs <= 0) {
      return value;
    }
    double factor = Math.pow(0.5, (double) elapsedMs / halfLifeMs);
    return neutral + (value - neutral) * factor;
  }
}
