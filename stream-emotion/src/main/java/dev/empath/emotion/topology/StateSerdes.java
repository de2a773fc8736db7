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
 * Binary layout of the state stores (and so of their changelog topics) and of published baselines:
 * fixed fields after a version byte, compact and fast on the per-event path. A layout change gets a
 * new version and keeps reading the old one.
 */
public final class StateSerdes {

  private static final byte PLAYER_V1 = 1;
  private static final byte SESSION_V1 = 2;
  private static final byte BASELINE_V1 = 3;
  private static final int BASELINE_BYTES = 8 + 3 * 8;
  private static final int FEATURE_BYTES = 8 + 12 * 8;

  private StateSerdes() {}

  public static Serde<PlayerState> player() {
    return Serdes.serdeFrom(
        (topic, state) -> state == null ? null : write(state),
        (topic, bytes) -> bytes == null ? null : read(bytes));
  }

  /** A player's baseline alone: the value of the published baselines topic. */
  public static Serde<PlayerBaseline> baseline() {
    return Serdes.serdeFrom(
        (topic, b) -> b == null ? null : writeBaseline(b),
        (topic, bytes) -> bytes == null ? null : readBaseline(bytes));
  }

  /** {@code BY_SESSION} store entries. */
  public static Serde<SessionRecord> session() {
    return Serdes.serdeFrom(
        (topic, r) -> r == null ? null : write(r),
        (topic, bytes) -> bytes == null ? null : readSession(bytes));
  }

  static byte[] write(PlayerState p) {
    int size = 1 + BASELINE_BYTES + 4;
    for (PlayerState.SessionEntry e : p.sessions()) {
      size += 4 + utf8Length(e.sessionId()) + sessionSize(e.state());
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    buf.put(PLAYER_V1);
    putBaseline(buf, p.baseline());
    buf.putInt(p.sessions().size());
    for (PlayerState.SessionEntry e : p.sessions()) {
      putString(buf, e.sessionId());
      putSession(buf, e.state());
    }
    return buf.array();
  }

  static byte[] write(SessionRecord r) {
    ByteBuffer buf =
        ByteBuffer.allocate(
            1 + 4 + utf8Length(r.playerKey()) + 8 + BASELINE_BYTES + sessionSize(r.state()));
    buf.put(SESSION_V1);
    putString(buf, r.playerKey());
    buf.putLong(r.lastActiveMs());
    putBaseline(buf, r.baseline());
    putSession(buf, r.state());
    return buf.array();
  }

  static byte[] writeBaseline(PlayerBaseline b) {
    ByteBuffer buf = ByteBuffer.allocate(1 + BASELINE_BYTES);
    buf.put(BASELINE_V1);
    putBaseline(buf, b);
    return buf.array();
  }

  static PlayerState read(byte[] bytes) {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    expect(buf.get(), PLAYER_V1, "player state");
    PlayerBaseline baseline = getBaseline(buf);
    int count = buf.getInt();
    List<PlayerState.SessionEntry> sessions = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String sessionId = string(buf);
      sessions.add(new PlayerState.SessionEntry(sessionId, getSession(buf)));
    }
    return new PlayerState(baseline, sessions);
  }

  static SessionRecord readSession(byte[] bytes) {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    expect(buf.get(), SESSION_V1, "session state");
    String playerKey = string(buf);
    long lastActive = buf.getLong();
    PlayerBaseline baseline = getBaseline(buf);
    return new SessionRecord(playerKey, baseline, getSession(buf), lastActive);
  }

  static PlayerBaseline readBaseline(byte[] bytes) {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    expect(buf.get(), BASELINE_V1, "player baseline");
    return getBaseline(buf);
  }

  private static void expect(byte version, byte known, String what) {
    if (version != known) {
      throw new SerializationException("unknown " + what + " version " + version);
    }
  }

  private static int sessionSize(SessionState s) {
    return FEATURE_BYTES
        + 3 * 8
        + 4
        + utf8Length(s.lastDominant())
        + 4
        + 8 * s.recentEventIds().size();
  }

  private static void putBaseline(ByteBuffer buf, PlayerBaseline b) {
    buf.putLong(b.observations()).putDouble(b.logLatency()).putDouble(b.logActionRate());
    buf.putDouble(b.latencyJitter());
  }

  private static PlayerBaseline getBaseline(ByteBuffer buf) {
    return new PlayerBaseline(buf.getLong(), buf.getDouble(), buf.getDouble(), buf.getDouble());
  }

  private static void putSession(ByteBuffer buf, SessionState s) {
    SessionFeatures f = s.features();
    buf.putLong(f.eventsSeen());
    buf.putDouble(f.logLatency()).putDouble(f.latencyJitter()).putDouble(f.logActionRate());
    buf.putDouble(f.repetition()).putDouble(f.choiceEntropy()).putDouble(f.damage());
    buf.putDouble(f.deathRate()).putDouble(f.lastDeaths()).putDouble(f.success());
    buf.putDouble(f.progress()).putDouble(f.progressRate()).putDouble(f.combat());
    buf.putLong(s.maxTimestampMs()).putLong(s.lastEmittedMs()).putLong(s.lateDropped());
    putString(buf, s.lastDominant());
    RecentEventIds ids = s.recentEventIds();
    buf.putInt(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      buf.putLong(ids.get(i));
    }
  }

  private static SessionState getSession(ByteBuffer buf) {
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
    long[] ids = new long[n];
    for (int k = 0; k < n; k++) {
      ids[k] = buf.getLong();
    }
    return new SessionState(f, maxTs, lastEmitted, dominant, RecentEventIds.of(ids), late);
  }

  /** Every string here (ids, emotion names) is ASCII in practice; UTF-8 keeps any other safe. */
  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static void putString(ByteBuffer buf, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    buf.putInt(b.length).put(b);
  }

  private static String string(ByteBuffer buf) {
    byte[] b = new byte[buf.getInt()];
    buf.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
