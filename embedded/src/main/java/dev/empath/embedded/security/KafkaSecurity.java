package dev.empath.embedded.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A secured broker's settings: one {@code SASL_SSL} listener with {@code SCRAM-SHA-512} users
 * (created when the storage is formatted), TLS from {@link TestCertificates} and Kafka's {@code
 * StandardAuthorizer}, with {@link #superUser()} the only principal allowed everything.
 *
 * @param users user name to password; the super user among them
 */
public record KafkaSecurity(
    TestCertificates certificates, String superUser, Map<String, String> users) {

  public static final String MECHANISM = "SCRAM-SHA-512";
  public static final String PROTOCOL = "SASL_SSL";

  public KafkaSecurity {
    Objects.requireNonNull(certificates, "certificates");
    users = Map.copyOf(users);
    if (!users.containsKey(superUser)) {
      throw new IllegalArgumentException("the super user " + superUser + " needs a password");
    }
  }

  /** Users named {@code names} (plus {@code superUser}), each with a password of its own. */
  public static KafkaSecurity of(
      TestCertificates certificates, String superUser, List<String> names) {
    Map<String, String> users = new LinkedHashMap<>();
    users.put(superUser, superUser + "-secret");
    names.forEach(name -> users.put(name, name + "-secret"));
    return new KafkaSecurity(certificates, superUser, users);
  }

  /** Everything a client of {@code user} sets: protocol, SASL login and the trusted CA. */
  public Map<String, String> clientProperties(String user) {
    String password = users.get(user);
    if (password == null) {
      throw new IllegalArgumentException("no such user: " + user);
    }
    Map<String, String> props = new LinkedHashMap<>();
    props.put("security.protocol", PROTOCOL);
    props.put("sasl.mechanism", MECHANISM);
    props.put("sasl.jaas.config", jaas(user, password));
    props.put("ssl.truststore.location", certificates.truststore().toString());
    props.put("ssl.truststore.password", certificates.password());
    props.put("ssl.truststore.type", "PKCS12");
    return props;
  }

  /** The super user's client settings. */
  public Map<String, String> superUserProperties() {
    return clientProperties(superUser);
  }

  /** {@code kafka-storage format --add-scram} arguments: every user's credential. */
  public List<String> scramArguments() {
    return users.entrySet().stream()
        .map(u -> MECHANISM + "=[name=" + u.getKey() + ",password=" + u.getValue() + "]")
        .toList();
  }

  /**
   * Broker settings for a listener named {@code listener}; the controller listener stays PLAINTEXT
   * on the loopback address, so its principal {@code ANONYMOUS} (the broker talking to its own
   * controller) is a super user too.
   */
  public Map<String, String> brokerProperties(String listener) {
    String prefix = "listener.name." + listener.toLowerCase(java.util.Locale.ROOT) + ".";
    Map<String, String> props = new LinkedHashMap<>();
    props.put("sasl.enabled.mechanisms", MECHANISM);
    props.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
    props.put(
        prefix + MECHANISM.toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config",
        jaas(superUser, users.get(superUser)));
    props.put("ssl.keystore.location", certificates.keystore().toString());
    props.put("ssl.keystore.password", certificates.password());
    props.put("ssl.key.password", certificates.password());
    props.put("ssl.keystore.type", "PKCS12");
    props.put("ssl.truststore.location", certificates.truststore().toString());
    props.put("ssl.truststore.password", certificates.password());
    props.put("ssl.truststore.type", "PKCS12");
    props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    props.put("super.users", "User:" + superUser + ";User:ANONYMOUS");
    props.put("allow.everyone.if.no.acl.found", "false");
    return props;
  }

  private static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }
}
