package dev.empath.cli.rebuild;

import dev.empath.cli.tool.UserError;
import dev.empath.history.time.TimeSpec;
import dev.empath.projector.store.KeyspaceAdmin;
import dev.empath.readmodel.keys.Keyspace;
import dev.empath.readmodel.keys.VersionMeta;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import redis.clients.jedis.UnifiedJedis;

/** The keyspace versions in Redis, for {@code rebuild --list} and {@code --drop}. */
final class Versions {

  private final UnifiedJedis redis;
  private final KeyspaceAdmin admin;

  Versions(UnifiedJedis redis) {
    this.redis = redis;
    this.admin = new KeyspaceAdmin(redis);
  }

  /** One line per version: number, state, what it was built up to, when, how many events. */
  void print(PrintWriter out) {
    int active = admin.active().version();
    List<VersionMeta> known = VersionMeta.all(redis);
    out.printf("%-8s %-9s %-26s %-26s %s%n", "VERSION", "STATE", "UNTIL", "CREATED", "EVENTS");
    if (known.stream().noneMatch(v -> v.version() == active) && admin.exists(admin.active())) {
      out.printf("%-8d %-9s %-26s %-26s %s%n", active, "active", "-", "-", "-");
    }
    for (VersionMeta v : known) {
      String state = v.version() == active ? VersionMeta.ACTIVE : v.state();
      out.printf(
          "%-8d %-9s %-26s %-26s %s%n",
          v.version(),
          state,
          time(v.untilMs()),
          v.createdAtMs() > 0 ? TimeSpec.format(v.createdAtMs()) : "-",
          v.events() >= 0 ? Long.toString(v.events()) : "-");
    }
  }

  /** Deletes {@code version}, refusing the active one; returns what to print. */
  String drop(int version) {
    if (version < 1) {
      throw new UserError("a keyspace version is a number >= 1: " + version);
    }
    Keyspace active = admin.active();
    if (active.version() == version) {
      throw new UserError(
          "version "
              + version
              + " is the active one, which readers use; ./empath rebuild replaces it");
    }
    Keyspace keys = new Keyspace(version);
    Optional<VersionMeta> meta = VersionMeta.read(redis, version);
    if (meta.isEmpty() && !admin.exists(keys)) {
      throw new UserError(
          "no keyspace version " + version + " (./empath rebuild --list shows those that exist)");
    }
    long deleted = admin.delete(keys);
    return "dropped version " + version + " (" + deleted + " keys)";
  }

  private static String time(OptionalLong ms) {
    return ms.isPresent() ? TimeSpec.format(ms.getAsLong()) : "-";
  }
}
