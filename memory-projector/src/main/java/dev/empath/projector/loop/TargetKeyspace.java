package dev.empath.projector.loop;

import dev.empath.projector.config.ProjectorSettings;
import dev.empath.projector.fold.EventFold;
import dev.empath.projector.store.AtomicBatchWriter;
import dev.empath.projector.store.KeyspaceAdmin;
import dev.empath.projector.store.OffsetStore;
import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The keyspace version the loop writes and the fold for it. A rebuild writes the version it was
 * given. The live loop writes the active version and follows it: when the commit script refuses a
 * version that is no longer active, and on a periodic check that also notices, while no records
 * arrive, offsets Redis lost (a flush) or holds older than the loop applied (a restart that lost
 * its last writes, up to a second of them under {@code appendfsync everysec}).
 */
final class TargetKeyspace {

  private static final Logger log = LoggerFactory.getLogger(TargetKeyspace.class);

  private final UnifiedJedis redis;
  private final OffsetStore offsets;
  private final AtomicBatchWriter.Mode mode;
  private final ProjectorSettings settings;
  private final ProjectorStats stats;
  private final PartitionPositions positions;
  private final BatchFolder folder;
  private final RedisOutage outage;

  private Keyspace keyspace;
  private EventFold fold;
  private long nextCheckAtMs;

  /**
   * @param rebuildTarget the version a rebuild writes; null for the live loop
   */
  TargetKeyspace(
      UnifiedJedis redis,
      AtomicBatchWriter.Mode mode,
      Keyspace rebuildTarget,
      ProjectorSettings settings,
      ProjectorStats stats,
      PartitionPositions positions,
      BatchFolder folder,
      RedisOutage outage) {
    this.redis = redis;
    this.offsets = new OffsetStore(redis);
    this.mode = mode;
    this.keyspace = rebuildTarget;
    this.settings = settings;
    this.stats = stats;
    this.positions = positions;
    this.folder = folder;
    this.outage = outage;
  }

  /** The live loop waits here for Redis to name the active version. */
  void begin() {
    if (mode == AtomicBatchWriter.Mode.LIVE) {
      KeyspaceAdmin admin = new KeyspaceAdmin(redis);
      keyspace =
          outage.untilAnswers(
              () -> {
                admin.ensurePointer();
                Keyspace active = admin.active();
                settings.rules().historyCaps().record(redis, active);
                return active;
              });
      log.info("projecting into keyspace version {}", keyspace.version());
    } else {
      settings.rules().historyCaps().record(redis, keyspace);
    }
    fold = new EventFold(keyspace, settings.rules());
    nextCheckAtMs = System.currentTimeMillis() + settings.checkInterval().toMillis();
  }

  AtomicBatchWriter.Mode mode() {
    return mode;
  }

  Keyspace keyspace() {
    return keyspace;
  }

  EventFold fold() {
    return fold;
  }

  boolean checkDue() {
    return mode == AtomicBatchWriter.Mode.LIVE && System.currentTimeMillis() >= nextCheckAtMs;
  }

  /** Moves to a switched version, or replays partitions whose offsets vanished. */
  void check() {
    nextCheckAtMs = System.currentTimeMillis() + settings.checkInterval().toMillis();
    try {
      int active = ActiveVersion.read(redis);
      if (active != keyspace.version()) {
        switchTo(new Keyspace(active));
        return;
      }
      List<TopicPartition> known = positions.stored();
      Map<TopicPartition, Long> stored = offsets.read(keyspace, known);
      for (TopicPartition tp : known) {
        Long held = stored.get(tp);
        if (held == null) {
          positions.lost(tp);
          folder.forget();
        } else if (held != positions.next(tp)) {
          // Without this, a partition whose last writes Redis lost would wait for its next record.
          positions.movedInRedis(tp, held);
          folder.forget();
        }
      }
    } catch (JedisException e) {
      log.debug("keyspace check failed, the next commit will tell: {}", e.toString());
    }
  }

  /** Continues in {@code target} from the offsets it holds; nothing folded before carries over. */
  void switchTo(Keyspace target) {
    log.info("keyspace version {} is active now (was {})", target.version(), keyspace.version());
    stats.switches.incrementAndGet();
    keyspace = target;
    fold = new EventFold(target, settings.rules());
    positions.forgetAll();
    folder.forget();
    outage.dropHeldBatch();
    outage.applyPauses();
  }
}
