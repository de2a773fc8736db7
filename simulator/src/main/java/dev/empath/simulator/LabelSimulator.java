package dev.empath.simulator;

import dev.empath.schemas.v1.EmotionLabel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ground-truth labels for scripted sessions, as players' in-game check-ins would give them (source
 * {@code self_report}): every {@code every}-th event of a session, once its arc is under way, names
 * the arc's emotion. Labels are as imperfect as people: with probability {@code bias} the player's
 * own habitual answer (fixed per player and seed, right or wrong), otherwise with probability
 * {@code noise} another emotion than the arc's, so {@code noise} is the share of wrong answers of a
 * player without habits. Deterministic: a label depends only on the seed and its event.
 */
public final class LabelSimulator {

  /** The emotions a label may name, in a fixed order. */
  public static final List<String> EMOTIONS =
      List.of("joy", "excitement", "calm", "boredom", "frustration", "anxiety");

  /** Simulated players label as real ones checking in would. */
  public static final String SOURCE = "self_report";

  /** Arcs need a few events before the behaviour shows what the player feels. */
  static final double SETTLED = 0.3;

  private final long seed;
  private final double noise;
  private final double bias;
  private final int every;

  public LabelSimulator(long seed, double noise, double bias, int every) {
    if (noise < 0 || noise > 1 || bias < 0 || bias > 1 || every < 1) {
      throw new IllegalArgumentException("noise and bias in [0, 1], every >= 1");
    }
    this.seed = seed;
    this.noise = noise;
    this.bias = bias;
    this.every = every;
  }

  /** The emotion a player who felt the arc would name. */
  public static String truth(Arc arc) {
    return switch (arc) {
      case CALM_EXPLORATION -> "calm";
      case RISING_FRUSTRATION -> "frustration";
      case COMBAT_EXCITEMENT -> "excitement";
      case REPETITIVE_BOREDOM -> "boredom";
    };
  }

  /** The labels of one session's events, in their order. */
  public List<EmotionLabel> labels(List<ScriptedBehavior> session) {
    return scripted(session).stream().map(ScriptedLabel::label).toList();
  }

  /** The labels of one session's events with the arc each was given in. */
  public List<ScriptedLabel> scripted(List<ScriptedBehavior> session) {
    List<ScriptedLabel> out = new ArrayList<>();
    for (int i = 0; i < session.size(); i++) {
      ScriptedBehavior b = session.get(i);
      if (i % every != every - 1 || b.arcProgress() < SETTLED) {
        continue;
      }
      var e = b.event();
      SplittableRandom random = new SplittableRandom(seed ^ e.getEventId().hashCode() * 31L);
      String emotion = truth(b.arc());
      if (random.nextDouble() < bias) {
        emotion = habit(e.getGameId() + "/" + e.getPlayerId());
      } else if (random.nextDouble() < noise) {
        emotion = other(emotion, random);
      }
      out.add(
          new ScriptedLabel(
              EmotionLabel.newBuilder()
                  .setLabelId("label-" + e.getEventId())
                  .setGameId(e.getGameId())
                  .setSessionId(e.getSessionId())
                  .setPlayerId(e.getPlayerId())
                  .setTimestampMs(e.getTimestampMs())
                  .setEmotion(emotion)
                  .setSource(SOURCE)
                  .build(),
              b.arc()));
    }
    return out;
  }

  /** A uniformly chosen emotion other than {@code truth}. */
  private static String other(String truth, SplittableRandom random) {
    String pick = EMOTIONS.get(random.nextInt(EMOTIONS.size() - 1));
    return pick.equals(truth) ? EMOTIONS.get(EMOTIONS.size() - 1) : pick;
  }

  /** The answer a player gives when unsure: fixed per player and seed. */
  private String habit(String playerKey) {
    return EMOTIONS.get(
        (int) Math.floorMod(new SplittableRandom(seed ^ playerKey.hashCode()).nextLong(), 6L));
  }
}
