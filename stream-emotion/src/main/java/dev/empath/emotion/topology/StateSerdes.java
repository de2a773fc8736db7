package dev.empath.emotion.topology;

import dev.empath.emotion.baseline.PlayerBaseline;
import dev.empath.emotion.features.SessionFeatures;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Binary layout of the player store (and so of its changelog topic): fixed fields after a version
 * byte, compact and fast on the per-event path. A layout change gets a new version and keeps
 * reading the old one.
 */
public final class StateSerdes {

  private static final byte PLAYER_V1 = 1;
  private static final int BASELINE_BYTES = 8 + 3 * 8;
  private static final int FEATURE_BYTES = 8 + 12 * 8;

  private StateSerdes() {}

  public static Serde<PlayerState> player() {
    return Serdes.serdeFrom(
        (topic, state) -> state == null ? null : write(state),
        (topic, bytes) -> bytes == null ? null : read(bytes));
  }

  static byte[] write(PlayerState p) {
    int size = 1 + BASELINE_BYTES + 4;
    List<byte[]> ids = new ArrayList<>();
    List<byte[]> dominants = new ArrayList<>();
    for (PlayerState.SessionEntry e : p.sessions()) {
      byte[] id = e.sessionId().getBytes(StandardCharsets.UTF_8);
      byte[] dominant = e.state().lastDominant().getBytes(StandardCharsets.UTF_8);
      ids.add(id);
      dominants.add(dominant);
      size += 4 + id.length + FEATURE_BYTES + 3 * 8 + 4 + dominant.length + 4;
      size += 8 * e.state().recentEventIds().size();
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    buf.put(PLAYER_V1);
    PlayerBaseline b = p.baseline();
    buf.putLong(b.observations()).putDouble(b.logLatency()).putDouble(b.logActionRate());
    buf.putDouble(b.latencyJitter());
    buf.putInt(p.sessions().size());
    for (int i = 0; i < p.sessions().size(); i++) {
      SessionState s = p.sessions().get(i).state();
      buf.putInt(ids.get(i).length).put(ids.get(i));
      SessionFeatures f = s.features();
      buf.putLong(f.eventsSeen());
      buf.putDouble(f.logLatency()).putDouble(f.latencyJitter()).putDouble(f.logActionRate());
      buf.putDouble(f.repetition()).putDouble(f.choiceEntropy()).putDouble(f.damage());
      buf.putDouble(f.deathRate()).putDouble(f.lastDeaths()).putDouble(f.success());
      buf.putDouble(f.progress()).putDouble(f.progressRate()).putDouble(f.combat());
      buf.putLong(s.maxTimestampMs()).putLong(s.lastEmittedMs()).putLong(s.lateDropped());
      buf.putInt(dominants.get(i).length).put(dominants.get(i));
      buf.putInt(s.recentEventIds().size());
      s.recentEventIds().forEach(buf::putLong);
    }
    return buf.array();
  }

  static PlayerState read(byte[] bytes) {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    byte version = buf.get();
    if (version != PLAYER_V1) {
      throw new SerializationException("unknown player state version " + version);
    }
    PlayerBaseline baseline =
        new PlayerBaseline(buf.getLong(), buf.getDouble(), buf.getDouble(), buf.getDouble());
    int count = buf.getInt();
    List<PlayerState.SessionEntry> sessions = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String sessionId = string(buf);
      SessionFeatures f =
          new SessionFeatures(
              buf.getLong(),
              buf.getDouble(),
              buf.getDouble(),
              buf.getDouble(),
              buf.getDouble(),
              buf.getDouble(),
              buf.getDouble(),
              buf.getDouble(),
              buf.getDouble(),
              buf.getDouble(),
              buf.getDouble(),
              buf.getDouble(),
              buf.getDouble());
      long maxTs = buf.getLong();
      long lastEmitted = buf.getLong();
      long late = buf.getLong();
      String dominant = string(buf);
      int n = buf.getInt();
      List<Long> ids = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        ids.add(buf.getLong());
      }
      sessions.add(
          new PlayerState.SessionEntry(
              sessionId, new SessionState(f, maxTs, lastEmitted, dominant, ids, late)));
    }
    return new PlayerState(baseline, sessions);
  }

  private static String string(ByteBuffer buf) {
    byte[] b = new byte[buf.getInt()];
    buf.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
