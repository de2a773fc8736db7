package dev.empath.llm.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.resps.Tuple;

/**
 * Memories from a Redis sorted set per game, character and player: score = when it happened (epoch
 * ms), member = JSON {@code {"text": ..., "importance": 0..1}} (a plain string member is read as
 * text of importance 0.5). The newest {@code window} are read and ranked by {@link MemoryRanking}.
 *
 * <p>The key comes from a template with {@code <game>}, {@code <character>} and {@code <player>}
 * placeholders, so it can point at the read model's layout once that is fixed.
 */
public final class RedisMemorySource implements MemorySource {

  public static final String DEFAULT_KEY_TEMPLATE =
      "empath:llm:memories:<game>:<character>:<player>";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RedisClient redis;
  private final String keyTemplate;
  private final MemoryRanking ranking;
  private final int window;
  private final Clock clock;

  public RedisMemorySource(
      RedisClient redis, String keyTemplate, MemoryRanking ranking, int window, Clock clock) {
    this.redis = redis;
    this.keyTemplate = keyTemplate;
    this.ranking = ranking;
    this.window = window;
    this.clock = clock;
  }

  public String key(String gameId, String characterId, String playerId) {
    return keyTemplate
        .replace("<game>", gameId)
        .replace("<character>", characterId)
        .replace("<player>", playerId);
  }

  @Override
  public List<Memory> top(
      String gameId, String characterId, String playerId, String cue, int limit) {
    List<Tuple> newest =
        redis.zrevrangeWithScores(key(gameId, characterId, playerId), 0, window - 1);
    List<Memory> memories = new ArrayList<>(newest.size());
    for (Tuple t : newest) {
      memories.add(parse(t.getElement(), (long) t.getScore()));
    }
    return ranking.top(memories, cue, clock.millis(), limit);
  }

  static Memory parse(String member, long timestampMs) {
    if (member.startsWith("{")) {
      try {
        JsonNode node = JSON.readTree(member);
        String text = node.path("text").asText(node.path("summary").asText(""));
        if (!text.isBlank()) {
          return new Memory(text, node.path("importance").asDouble(0.5), timestampMs);
        }
      } catch (java.io.IOException notJson) {
        // fall through: keep the member as plain text
      }
    }
    return new Memory(member, 0.5, timestampMs);
  }
}
