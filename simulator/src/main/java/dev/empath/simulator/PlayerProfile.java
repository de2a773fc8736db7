package dev.empath.simulator;

/**
 * A simulated player. {@code pace} is the player's natural slowness: 1.0 is a typical player, 2.0
 * takes twice as long per decision and makes half as many actions per minute in every arc. Arcs
 * change behaviour relative to this baseline, which is what per-player calibration must see.
 */
public record PlayerProfile(String gameId, String playerId, double pace) {

  public PlayerProfile {
    if (!(pace > 0)) {
      throw new IllegalArgumentException("pace must be > 0, was " + pace);
    }
  }
}
