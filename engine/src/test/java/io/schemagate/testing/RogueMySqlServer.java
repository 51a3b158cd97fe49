package io.schemagate.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A MySQL server that asks every client for a local file on its own: it relays the handshake to a
 * real MariaDB (so logging in works), then answers the client's first query with a LOCAL INFILE
 * request for {@code wanted}, records what the client sends back, and fails the query. Written by
 * hand: no library plays a malicious MySQL server, and this one needs only the packet framing.
 */
public final class RogueMySqlServer implements AutoCloseable {
  private final ServerSocket listener;
  private final InetSocketAddress server;
  private final String wanted;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private volatile boolean asked;

  public RogueMySqlServer(String host, int port, String wanted) throws IOException {
    this.server = new InetSocketAddress(host, port);
    this.wanted = wanted;
    this.listener = new ServerSocket(0);
    Thread accept = new Thread(this::accept, "rogue-mysql");
    accept.setDaemon(true);
    accept.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** True once a client was asked for the file. */
  public boolean asked() {
    return asked;
  }

  /** Everything clients sent in answer to the request, file content included. */
  public synchronized String received() {
    return received.toString(StandardCharsets.UTF_8);
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket upstream = new Socket();
        upstream.connect(server);
        Thread down = new Thread(() -> SocketPipe.copy(upstream, client), "rogue-mysql-down");
        down.setDaemon(true);
        down.start();
        Thread up = new Thread(() -> intercept(client, upstream), "rogue-mysql-up");
        up.setDaemon(true);
        up.start();
      } catch (IOException e) {
        // The listener closed.
      }
    }
  }

  private void intercept(Socket client, Socket upstream) {
    try (client;
        upstream) {
      DataInputStream in = new DataInputStream(client.getInputStream());
      OutputStream toServer = upstream.getOutputStream();
      OutputStream toClient = client.getOutputStream();
      while (true) {
        byte[] header = new byte[4];
        in.readFully(header);
        int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
        int sequence = header[3] & 0xff;
        byte[] payload = new byte[length];
        in.readFully(payload);
        boolean query = sequence == 0 && length > 0 && payload[0] == 0x03;
        if (!query) {
          toServer.write(header);
          toServer.write(payload);
          toServer.flush();
          continue;
        }
        // The query goes nowhere: the "server" asks for the file instead of answering it.
        byte[] name = wanted.getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[name.length + 1];
        request[0] = (byte) 0xFB;
        System.arraycopy(name, 0, request, 1, name.length);
        synchronized (toClient) {
          writePacket(toClient, 1, request);
        }
        asked = true;
        int next = 2;
        while (true) {
          in.readFully(header);
          length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
          payload = new byte[length];
          in.readFully(payload);
          next = (header[3] & 0xff) + 1;
          if (length == 0) {
            break;
          }
          synchronized (this) {
            received.write(payload);
          }
        }
        byte[] message = "#42000rogue server: no".getBytes(StandardCharsets.US_ASCII);
        byte[] error = new byte[3 + message.length];
        error[0] = (byte) 0xFF;
        error[1] = (byte) (1148 & 0xff);
        error[2] = (byte) (1148 >> 8);
        System.arraycopy(message, 0, error, 3, message.length);
        synchronized (toClient) {
          writePacket(toClient, next, error);
        }
        return;
      }
    } catch (IOException e) {
      // A side closed.
    }
  }

  private static void writePacket(OutputStream out, int sequence, byte[] payload)
      throws IOException {
    out.write(payload.length & 0xff);
    out.write((payload.length >> 8) & 0xff);
    out.write((payload.length >> 16) & 0xff);
    out.write(sequence & 0xff);
    out.write(payload);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
