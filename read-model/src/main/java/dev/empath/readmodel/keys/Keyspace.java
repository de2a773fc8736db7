package dev.empath.readmodel.keys;

import java.nio.charset.StandardCharsets;

/**
 * The Redis key layout of one keyspace version, defined once for the projector and every reader.
 *
 * <p>Every key starts with {@code empath:rm:v<version>:} so a rebuild can write a new version next
 * to the serving one and the old one can be deleted by prefix. Keys that one event changes together
 * share a Redis Cluster hash tag: a session's keys {@code {g:<game>:s:<session>}}, a character's
 * keys {@code {g:<game>:c:<character>}}, a character-player pair's keys {@code
 * {g:<game>:c:<character>:p:<player>}}. Identifiers are escaped so that braces or colons in an id
 * can neither break a hash tag nor collide with another key.
 *
 * @param version keyspace version, >= 1
 */
public record Keyspace(int version) {

  /** Unversioned pointer holding the version readers use. */
  public static final String ACTIVE_VERSION_KEY = "empath:rm:active-version";

  public Keyspace {
    if (version < 1) {
      throw new IllegalArgumentException("keyspace version must be >= 1: " + version);
    }
  }

  /** Prefix of every key of this version. */
  public String prefix() {
    return "empath:rm:v" + version + ":";
  }

  /** SCAN pattern matching every key of this version. */
  public String scanPattern() {
    return prefix() + "*";
  }

  /** Latest emotion prediction of a session (JSON string). */
  public String sessionEmotion(String game, String session) {
    return sessionTag(game, session) + ":emotion";
  }

  /** Emotion timeline of a session (sorted set, score = timestamp ms, member = JSON). */
  public String sessionTimeline(String game, String session) {
    return sessionTag(game, session) + ":timeline";
  }

  /** Latest narrative decision of a session (JSON string). */
  public String sessionNarrative(String game, String session) {
    return sessionTag(game, session) + ":narrative";
  }

  /**
   * Narrative decisions of a session (sorted set, score = decision time ms, member = JSON, capped):
   * the history behind {@link #sessionNarrative}.
   */
  public String sessionDecisions(String game, String session) {
    return sessionTag(game, session) + ":decisions";
  }

  /**
   * Sessions of a game by last activity (sorted set, score = time ms of the session's latest
   * emotion or decision, member = session id, capped to the most recently active).
   */
  public String gameSessions(String game) {
    return gameTag(game) + ":sessions";
  }

  /** A character's own emotional state (JSON string, stored undecayed with its timestamp). */
  public String characterState(String game, String character) {
    return characterTag(game, character) + ":state";
  }

  /**
   * Past states of a character (sorted set, score = interaction time ms, member = the state JSON as
   * stored after that interaction, capped): what {@link #characterState} held at an earlier time.
   */
  public String characterStateHistory(String game, String character) {
    return characterTag(game, character) + ":state-history";
  }

  /** Lines a character said (sorted set, score = completion time ms, member = JSON). */
  public String characterLines(String game, String character) {
    return characterTag(game, character) + ":lines";
  }

  /** Relationship of a character with a player (JSON string, stored undecayed). */
  public String relationship(String game, String character, String player) {
    return pairTag(game, character, player) + ":rel";
  }

  /**
   * Past values of a relationship (sorted set, score = interaction time ms, member = the
   * relationship JSON as stored after that interaction, capped).
   */
  public String relationshipHistory(String game, String character, String player) {
    return pairTag(game, character, player) + ":rel-history";
  }

  /** Memories of a character about a player (sorted set, score = timestamp ms, member = JSON). */
  public String memories(String game, String character, String player) {
    return pairTag(game, character, player) + ":mem";
  }

  /** LLM usage counters of a game (hash of counters). */
  public String usage(String game) {
    return gameTag(game) + ":usage";
  }

  /** Next offset to read per source partition (hash, field = {@code topic/partition}). */
  public String offsets() {
    return prefix() + "meta:offsets";
  }

  /** Facts about this version: state (building, active), created time (hash). */
  public String meta() {
    return prefix() + "meta:info";
  }

  /**
   * Redis Cluster only: the next offset of each source partition that the entity group with hash
   * tag {@code tag} has applied (hash, field = {@code topic/partition}), in the group's own slot.
   */
  public String applied(String tag) {
    return prefix() + "{" + tag + "}:applied";
  }

  /**
   * Whether {@code key} is a group's {@link #applied} watermarks (bookkeeping, not a read model).
   */
  public static boolean isApplied(String key) {
    return key.endsWith("}:applied");
  }

  /**
   * The hash tag of one of this layout's keys (what sits between its braces), or null for a key
   * without one (the version's meta keys). Ids are escaped, so the first braces are the tag.
   */
  public static String hashTag(String key) {
    int open = key.indexOf('{');
    if (open < 0) {
      return null;
    }
    int close = key.indexOf('}', open + 1);
    return close < 0 ? null : key.substring(open + 1, close);
  }

  /** Field of {@link #offsets()} for one source partition. */
  public static String offsetField(String topic, int partition) {
    return topic + "/" + partition;
  }

  private String gameTag(String game) {
    return prefix() + "{g:" + escape(game) + "}";
  }

  private String sessionTag(String game, String session) {
    return prefix() + "{g:" + escape(game) + ":s:" + escape(session) + "}";
  }

  private String characterTag(String game, String character) {
    return prefix() + "{g:" + escape(game) + ":c:" + escape(character) + "}";
  }

  private String pairTag(String game, String character, String player) {
    return prefix()
        + "{g:"
        + escape(game)
        + ":c:"
        + escape(character)
        + ":p:"
        + escape(player)
        + "}";
  }

  /** Percent-escapes the characters that carry meaning in a key: {@code % { } :} and controls. */
  static String escape(String id) {
    StringBuilder out = null;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean special = c == '%' || c == '{' || c == '}' || c == ':' || c < 0x20 || c == 0x7f;
      if (special) {
        if (out == null) {
          out = new StringBuilder(id.length() + 8).append(id, 0, i);
        }
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(String.format("%02X", b & 0xff));
        }
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? id : out.toString();
  }
}
