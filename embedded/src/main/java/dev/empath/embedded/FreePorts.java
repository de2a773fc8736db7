package dev.empath.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Picks currently unused loopback ports; the OS may still hand one out again before use. */
public final class FreePorts {

  private FreePorts() {}

  public static int one() {
    return allocate(1)[0];
  }

  /** All sockets stay open until every port is chosen, so the ports are pairwise distinct. */
  public static int[] allocate(int count) {
    List<ServerSocket> sockets = new ArrayList<>(count);
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        socket.setReuseAddress(true);
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not allocate a free local port", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Best effort: a socket that fails to close does not make its port less usable.
        }
      }
    }
  }
}
