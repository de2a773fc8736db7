package dev.empath.platform.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script called by its SHA-1 ({@code EVALSHA}), so a call sends the keys and arguments, not
 * the script; the script itself is sent again only when Redis does not know it (first call, or
 * after a restart or {@code SCRIPT FLUSH}).
 */
public final class LuaScript {

  private final String source;
  private final byte[] sourceBytes;
  private final byte[] sha;

  public LuaScript(String source) {
    this.source = source;
    this.sourceBytes = source.getBytes(StandardCharsets.UTF_8);
    this.sha = HexFormat.of().formatHex(sha1(sourceBytes)).getBytes(StandardCharsets.US_ASCII);
  }

  public String source() {
    return source;
  }

  /** The SHA-1 Redis knows the script by, for {@code EVALSHA} in a pipeline. */
  public String sha() {
    return new String(sha, StandardCharsets.US_ASCII);
  }

  /**
   * Makes Redis know the script, e.g. after a pipelined {@code EVALSHA} met NOSCRIPT: every node of
   * a cluster.
   */
  public void load(UnifiedJedis redis) {
    RedisNodes.scriptLoad(redis, source);
  }

  /** Runs the script with binary keys and arguments; bulk replies come back as {@code byte[]}. */
  public Object call(UnifiedJedis redis, List<byte[]> keys, List<byte[]> args) {
    try {
      return redis.evalsha(sha, keys, args);
    } catch (JedisNoScriptException unknown) {
      return redis.eval(sourceBytes, keys, args); // EVAL also caches it for the next EVALSHA
    }
  }

  private static byte[] sha1(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }
}
