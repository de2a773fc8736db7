package dev.empath.embedded.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A secured {@code redis-server}: TLS only (no plain port), certificates from {@link
 * TestCertificates}, the {@code default} user off and the ACL users given here, each as the rules
 * of an {@code ACL SETUSER} line after its password.
 *
 * @param users user name to its rules (e.g. {@code ~empath:rm:* -@all +@read})
 */
public record RedisSecurity(TestCertificates certificates, Map<String, String> users) {

  /**
   * The user the embedded server's readiness probe logs in as: it may run INFO and nothing else.
   */
  public static final String PROBE_USER = "empath-probe";

  public RedisSecurity {
    Objects.requireNonNull(certificates, "certificates");
    users = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(users));
  }

  /** The password of {@code user}. */
  public String password(String user) {
    if (!user.equals(PROBE_USER) && !users.containsKey(user)) {
      throw new IllegalArgumentException("no such user: " + user);
    }
    return user + "-" + Integer.toHexString(certificates.password().hashCode());
  }

  /** Writes the ACL file the server loads ({@code --aclfile}). */
  public Path writeAclFile(Path dir) {
    List<String> lines = new ArrayList<>();
    lines.add("user default off resetkeys -@all");
    lines.add("user " + PROBE_USER + " on >" + password(PROBE_USER) + " resetkeys -@all +info");
    users.forEach(
        (user, rules) -> lines.add("user " + user + " on >" + password(user) + " " + rules));
    Path file = dir.resolve("users.acl");
    try {
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
    return file;
  }

  /** {@code redis-server} arguments for TLS on {@code port} and the ACL file. */
  public List<String> serverArguments(int port, Path aclFile) {
    return List.of(
        "--port",
        "0",
        "--tls-port",
        String.valueOf(port),
        "--tls-cert-file",
        certificates.serverCertificatePem().toString(),
        "--tls-key-file",
        certificates.serverKeyPem().toString(),
        "--tls-ca-cert-file",
        certificates.caPem().toString(),
        "--tls-auth-clients",
        "no",
        "--aclfile",
        aclFile.toString());
  }

  /** {@code rediss://user:password@host:port} for {@code user}. */
  public String uri(String user, String host, int port) {
    return "rediss://" + user + ":" + password(user) + "@" + host + ":" + port;
  }
}
