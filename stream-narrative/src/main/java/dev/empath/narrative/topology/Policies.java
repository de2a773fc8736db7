package dev.empath.narrative.topology;

import dev.empath.narrative.policy.DefaultPolicy;
import dev.empath.schemas.v1.NarrativePolicy;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Which policy governs a game: its own published policy, else the published default ({@code *}),
 * else the one shipped with the code.
 */
final class Policies {

  private final ReadOnlyKeyValueStore<String, NarrativePolicy> published;
  private final NarrativePolicy shipped;

  Policies(ReadOnlyKeyValueStore<String, NarrativePolicy> published, NarrativePolicy shipped) {
    this.published = published;
    this.shipped = shipped;
  }

  NarrativePolicy forGame(String gameId) {
    NarrativePolicy own = published.get(gameId);
    if (own != null) {
      return own;
    }
    NarrativePolicy all = published.get(DefaultPolicy.ALL_GAMES);
    return all != null ? all : shipped;
  }
}
