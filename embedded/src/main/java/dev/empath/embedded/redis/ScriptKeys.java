package dev.empath.embedded.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.JedisClusterCRC16;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Runs a Lua script on a real Redis and reports every key it touched that it was not given in
 * {@code KEYS}, and whether its {@code KEYS} share one hash slot: what a Redis Cluster needs of a
 * script. The commands the script runs are read from {@code MONITOR} (Redis shows them as {@code [0
 * lua]}), and their keys found with {@code COMMAND GETKEYS}, so the check knows no command of its
 * own.
 */
public final class ScriptKeys {

  /** What one run showed. */
  public record Report(List<String> commands, Set<String> undeclared, Set<Integer> slots) {
    /** True when the script touched only its {@code KEYS} and they all share one slot. */
    public boolean clusterSafe() {
      return undeclared.isEmpty() && slots.size() <= 1;
    }
  }

  private static final String MARKER = "empath-script-keys-done";

  private final HostAndPort redis;

  public ScriptKeys(String host, int port) {
    this.redis = new HostAndPort(host, port);
  }

  /** Runs {@code script} once with {@code keys} and {@code args} and reports what it touched. */
  public Report run(String script, List<String> keys, List<String> args) {
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    Jedis monitor = new Jedis(redis.getHost(), redis.getPort(), 10_000);
    Thread watching =
        new Thread(
            () -> {
              try {
                monitor.monitor(
                    new JedisMonitor() {
                      @Override
                      public void onCommand(String command) {
                        seen.add(command);
                      }
                    });
              } catch (RuntimeException closed) {
                // the monitor connection is closed once the run is seen
              }
            },
            "script-keys-monitor");
    watching.setDaemon(true);
    watching.start();
    List<String> commands = new ArrayList<>();
    Set<String> undeclared = new HashSet<>();
    try (Jedis client = new Jedis(redis.getHost(), redis.getPort(), 10_000)) {
      awaitMonitoring(client, seen);
      client.eval(script, keys, args);
      client.echo(MARKER);
      for (String line = next(seen); !line.contains(MARKER); line = next(seen)) {
        if (!line.contains(" lua]")) {
          continue;
        }
        List<String> command = parse(line.substring(line.indexOf(']') + 2));
        commands.add(String.join(" ", command));
        for (String key : keysOf(client.getConnection(), command)) {
          if (!keys.contains(key)) {
            undeclared.add(key);
          }
        }
      }
    } finally {
      monitor.close();
    }
    Set<Integer> slots = new HashSet<>();
    keys.forEach(k -> slots.add(JedisClusterCRC16.getSlot(k)));
    return new Report(commands, undeclared, slots);
  }

  private static void awaitMonitoring(Jedis client, BlockingQueue<String> seen) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      client.echo(MARKER);
      String line = poll(seen, 50);
      if (line != null && line.contains(MARKER)) {
        seen.clear();
        return;
      }
    }
    throw new IllegalStateException("MONITOR did not start within 10 s");
  }

  private static List<String> keysOf(Connection connection, List<String> command) {
    CommandArguments getKeys = new CommandArguments(Protocol.Command.COMMAND).add("GETKEYS");
    command.forEach(getKeys::add);
    List<String> out = new ArrayList<>();
    try {
      for (Object k : (List<?>) connection.executeCommand(getKeys)) {
        out.add(SafeEncoder.encode((byte[]) k));
      }
    } catch (RuntimeException noKeys) {
      // "The command has no key arguments"
    }
    return out;
  }

  private static String next(BlockingQueue<String> seen) {
    String line = poll(seen, 10_000);
    if (line == null) {
      throw new IllegalStateException("MONITOR showed nothing within 10 s");
    }
    return line;
  }

  private static String poll(BlockingQueue<String> seen, long millis) {
    try {
      return seen.poll(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The arguments of a MONITOR line: quoted, with Redis's escapes (\\" \\\\ \\n \\xHH ...). */
  static List<String> parse(String quoted) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < quoted.length()) {
      if (quoted.charAt(i) != '"') {
        i++;
        continue;
      }
      ByteArrayOutputStream arg = new ByteArrayOutputStream();
      i++;
      while (quoted.charAt(i) != '"') {
        char c = quoted.charAt(i);
        if (c == '\\') {
          char e = quoted.charAt(i + 1);
          switch (e) {
            case 'n' -> arg.write('\n');
            case 'r' -> arg.write('\r');
            case 't' -> arg.write('\t');
            case 'a' -> arg.write(7);
            case 'b' -> arg.write('\b');
            case 'x' -> {
              arg.write(Integer.parseInt(quoted.substring(i + 2, i + 4), 16));
              i += 2;
            }
            default -> arg.write(e);
          }
          i += 2;
        } else {
          byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
          arg.write(b, 0, b.length);
          i++;
        }
      }
      out.add(arg.toString(StandardCharsets.UTF_8));
      i++;
    }
    return out;
  }
}
