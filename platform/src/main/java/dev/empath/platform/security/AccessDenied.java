package dev.empath.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;

/**
 * One line for a Kafka authorization or authentication failure, naming the permission that is
 * missing: the operation, the resource type and the resource name, as {@code kafka-acls} spells
 * them (see docs/security.md). Kafka's own exceptions name the resource but not the operation; the
 * operation comes from what the service does with it ({@link TopicUse}).
 */
public final class AccessDenied {

  /** Every access-denied line starts so, which makes a process exit 2 rather than 1. */
  public static final String PREFIX = "not authorized: ";

  private static final Pattern USERNAME = Pattern.compile("username=\"([^\"]*)\"");

  private AccessDenied() {}

  /** True for a line made by this class. */
  public static boolean isAccessDenied(String message) {
    return message != null && message.contains(PREFIX);
  }

  /** The first authorization or authentication failure in {@code error}'s causes. */
  public static Optional<RuntimeException> find(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof AuthorizationException || t instanceof AuthenticationException) {
        return Optional.of((RuntimeException) t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  /**
   * The line for {@code error} if it is (or was caused by) an access failure.
   *
   * @param client the client's settings, for the principal ({@code sasl.jaas.config}'s user) and
   *     its transactional id
   */
  public static Optional<String> describe(Throwable error, TopicUse use, Properties client) {
    return find(error).map(denied -> line(denied, error, use, client));
  }

  private static String line(
      RuntimeException denied, Throwable whole, TopicUse use, Properties client) {
    String principal = principal(client);
    if (denied instanceof AuthenticationException) {
      return PREFIX
          + "authentication of "
          + principal
          + " failed ("
          + denied.getMessage()
          + "); check kafka.client.sasl.jaas.config and the truststore";
    }
    return PREFIX + principal + " lacks " + String.join(", ", missing(denied, whole, use, client));
  }

  private static List<String> missing(
      RuntimeException denied, Throwable whole, TopicUse use, Properties client) {
    List<String> missing = new ArrayList<>();
    if (denied instanceof TopicAuthorizationException topics) {
      for (String topic : topics.unauthorizedTopics()) {
        missing.add(use.operation(topic, whole) + " on TOPIC " + topic);
      }
      if (missing.isEmpty()) {
        missing.add("access to a TOPIC (" + denied.getMessage() + ")");
      }
    } else if (denied instanceof GroupAuthorizationException group) {
      missing.add("Read on GROUP " + group.groupId());
    } else if (denied instanceof TransactionalIdAuthorizationException) {
      Object id = client.get("transactional.id");
      missing.add(
          "Write on TRANSACTIONAL_ID "
              + (id != null ? id : use.transactionalIdPrefix().orElse("(the producer's)")));
    } else if (denied instanceof ClusterAuthorizationException) {
      missing.add(use.clusterOperation() + " on CLUSTER kafka-cluster");
    } else {
      missing.add(denied.getClass().getSimpleName() + " (" + denied.getMessage() + ")");
    }
    return missing;
  }

  /** {@code User:<name>} from the client's SCRAM/PLAIN login, or the protocol's principal. */
  public static String principal(Properties client) {
    Object jaas = client.get("sasl.jaas.config");
    if (jaas != null) {
      Matcher m = USERNAME.matcher(jaas.toString());
      if (m.find()) {
        return "User:" + m.group(1);
      }
    }
    return "the client's principal";
  }
}
