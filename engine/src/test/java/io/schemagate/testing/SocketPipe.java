package io.schemagate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** Copies what one socket receives to another until either closes, then closes both. */
public final class SocketPipe {
  private SocketPipe() {}

  /**
   * Copies {@code from} to {@code to}; writes hold the lock of {@code to}'s output stream, so a
   * relay that also writes answers of its own can take turns with this copy.
   */
  public static void copy(Socket from, Socket to) {
    byte[] buffer = new byte[64 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        synchronized (out) {
          out.write(buffer, 0, n);
          out.flush();
        }
      }
    } catch (IOException e) {
      // A side closed.
    } finally {
      try {
        from.close();
        to.close();
      } catch (IOException e) {
        // Already closed.
      }
    }
  }
}
