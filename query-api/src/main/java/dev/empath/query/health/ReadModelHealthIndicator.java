package dev.empath.query.health;

import dev.empath.readmodel.keys.ActiveVersion;
import dev.empath.readmodel.keys.Keyspace;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/**
 * Ready when Redis answers and the active keyspace version is finished. A rebuild moves the pointer
 * to its version and then marks that version active; in between (a pending switch-over) the
 * version's meta still says {@code building}, and this instance reports not ready.
 */
@Singleton
@Readiness
public class ReadModelHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

  static final String BUILDING = "building";

  private final UnifiedJedis redis;

  public ReadModelHealthIndicator(UnifiedJedis redis) {
    this.redis = redis;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    Map<String, Object> details = new LinkedHashMap<>();
    redis.ping();
    int version = ActiveVersion.read(redis);
    String state = redis.hget(new Keyspace(version).meta(), "state");
    details.put("activeVersion", version);
    details.put("versionState", state == null ? "unmarked" : state);
    healthStatus = BUILDING.equals(state) ? HealthStatus.DOWN : HealthStatus.UP;
    return details;
  }

  @Override
  protected String getName() {
    return "readModel";
  }
}
