package dev.empath.cli.security;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Redis ACL users of a deployment, each as the rules after its password in an {@code ACL
 * SETUSER} line or an ACL file: the table of docs/security.md ({@code SecurityDocsTest}), granted
 * by {@code SecuredRedisIT}. Key patterns in Redis 6 cover reads and writes alike, so a service
 * that reads one keyspace and writes another connects as two users.
 */
public final class RedisUsers {

  public static final String PROJECTOR = "memory-projector";
  public static final String QUERY = "query-api";
  public static final String LLM = "llm-worker";
  public static final String LLM_MEMORIES = "llm-worker-memories";

  /** Logging in, PING and the RESP handshake, which every client needs. */
  private static final String CONNECT = "-@all +auth +hello +ping";

  /** Server-assisted caching: tracking on pooled connections, invalidations on a subscription. */
  private static final String TRACKING =
      "resetchannels &__redis__:invalidate +client|id +client|tracking +subscribe +unsubscribe";

  private RedisUsers() {}

  /** User name to rules. */
  public static Map<String, String> all() {
    Map<String, String> users = new LinkedHashMap<>();
    users.put(
        PROJECTOR,
        "resetkeys ~empath:rm:* resetchannels "
            + CONNECT
            + " +@read +@write +@keyspace +@scripting +@transaction -@dangerous");
    users.put(
        QUERY, "resetkeys ~empath:rm:* ~empath:llm:usage:* " + CONNECT + " +@read " + TRACKING);
    users.put(
        LLM,
        "resetkeys ~empath:llm:* "
            + CONNECT
            + " +@read +@write +@keyspace +@scripting +@transaction -@dangerous "
            + TRACKING);
    users.put(LLM_MEMORIES, "resetkeys ~empath:rm:* " + CONNECT + " +@read " + TRACKING);
    return users;
  }
}
