package io.schemagate.bench;

import io.schemagate.testing.SocketPipe;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay in front of PostgreSQL that counts round trips: every simple Query ('Q') and every
 * Sync ('S') a client sends, the two messages after which a PostgreSQL client waits for the server.
 * Written here because counting at the wire is the only count that includes what the driver and the
 * pool send on their own (validation queries, session resets), and no maintained library offers
 * such a relay.
 */
final class RoundTripCounter implements AutoCloseable {
  private static final int SSL_REQUEST = 80877103;
  private static final int GSS_REQUEST = 80877104;

  private final ServerSocket listener;
  private final InetSocketAddress server;
  private final AtomicLong trips = new AtomicLong();

  RoundTripCounter(String host, int port) throws IOException {
    this.server = new InetSocketAddress(host, port);
    this.listener = new ServerSocket(0);
    Thread accept = new Thread(this::accept, "round-trip-counter");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  long trips() {
    return trips.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket upstream = new Socket();
        upstream.connect(server);
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        daemon(() -> SocketPipe.copy(upstream, client));
        daemon(() -> relayClient(client, upstream));
      } catch (IOException e) {
        // The listener closed.
      }
    }
  }

  private void relayClient(Socket client, Socket upstream) {
    try (client;
        upstream) {
      DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
      OutputStream out = new BufferedOutputStream(upstream.getOutputStream());
      // Untyped start-up messages: an optional SSL or GSS request, then the start-up packet.
      while (true) {
        int length = in.readInt();
        byte[] body = new byte[length - 4];
        in.readFully(body);
        writeInt(out, length);
        out.write(body);
        out.flush();
        int code =
            ((body[0] & 0xff) << 24)
                | ((body[1] & 0xff) << 16)
                | ((body[2] & 0xff) << 8)
                | (body[3] & 0xff);
        if (code != SSL_REQUEST && code != GSS_REQUEST) {
          break;
        }
      }
      boolean answerAwaited = false;
      while (true) {
        int type = in.read();
        if (type < 0) {
          return;
        }
        int length = in.readInt();
        byte[] body = new byte[length - 4];
        in.readFully(body);
        answerAwaited |= type == 'Q' || type == 'S';
        out.write(type);
        writeInt(out, length);
        out.write(body);
        if (in.available() == 0) {
          // Counted before the burst goes out: once it is sent, the server may answer and the
          // client read the count before this thread runs again.
          if (answerAwaited) {
            trips.incrementAndGet();
            answerAwaited = false;
          }
          out.flush();
        }
      }
    } catch (IOException e) {
      // A side closed.
    }
  }

  private static void writeInt(OutputStream out, int value) throws IOException {
    out.write(value >>> 24);
    out.write(value >>> 16);
    out.write(value >>> 8);
    out.write(value);
  }

  private static void daemon(ThrowingRunnable work) {
    Thread thread =
        new Thread(
            () -> {
              try {
                work.run();
              } catch (IOException e) {
                // A side closed.
              }
            },
            "round-trip-relay");
    thread.setDaemon(true);
    thread.start();
  }

  private interface ThrowingRunnable {
    void run() throws IOException;
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
