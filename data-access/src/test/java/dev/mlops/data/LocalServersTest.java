package dev.mlops.data;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.testing.TestServers;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * The database servers the JDBC tests use are up and are what they should be. {@code require*()} only checks
 * that something accepts TCP connections on the port (in CI, {@code -Dmlops.requireServers=true}, a missing
 * server fails there with the command that starts it; elsewhere these tests are skipped); these tests then
 * check that what answers speaks the server's wire protocol, without a JDBC driver: PostgreSQL answers an
 * SSLRequest, MariaDB greets with its handshake. Every socket has a short timeout, so a wrong or hung
 * listener fails the test rather than stalling the build.
 */
class LocalServersTest {
  private static final int TIMEOUT_MILLIS = Math.toIntExact(TestServers.CONNECT_TIMEOUT.toMillis());
  /** The code of PostgreSQL's SSLRequest message (1234 in the high 16 bits, 5679 in the low). */
  private static final int SSL_REQUEST_CODE = 80877103;
  /** The protocol version byte that starts a MySQL/MariaDB initial handshake packet (HandshakeV10). */
  private static final int HANDSHAKE_V10 = 10;

  @Test
  void postgresAnswersAnSslRequest() throws IOException {
    TestServers.Server pg = TestServers.requirePostgres();
    try (Socket socket = connect(pg)) {
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeInt(8); // message length, including itself
      out.writeInt(SSL_REQUEST_CODE);
      out.flush();
      int answer = socket.getInputStream().read();
      assertTrue(answer == 'N' || answer == 'S',
          pg.name() + " on " + pg.address() + " answered an SSLRequest with " + answer
              + "; expected 'N' or 'S': is something other than PostgreSQL listening there?");
    }
  }

  @Test
  void mariaDbGreetsWithItsHandshake() throws IOException {
    TestServers.Server maria = TestServers.requireMariaDb();
    try (Socket socket = connect(maria)) {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] header = new byte[4]; // payload length (3 bytes, little-endian), sequence number
      in.readFully(header);
      int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
      assertTrue(length > 1 && length < 1024, maria.address() + " sent a first packet of " + length + " bytes");
      byte[] payload = new byte[length];
      in.readFully(payload);
      assertEquals(HANDSHAKE_V10, payload[0] & 0xff, maria.name() + " on " + maria.address()
          + " did not greet with a protocol 10 handshake (0xff is an error packet): " + printable(payload));
      String version = nulTerminated(payload, 1);
      assertTrue(version.contains("MariaDB"), "server version on " + maria.address() + " is '" + version
          + "'; expected a MariaDB server");
    }
  }

  private static Socket connect(TestServers.Server server) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(server.host(), server.port()), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  private static String nulTerminated(byte[] b, int from) {
    int end = from;
    while (end < b.length && b[end] != 0) {
      end++;
    }
    return new String(b, from, end - from, ISO_8859_1);
  }

  private static String printable(byte[] b) {
    return new String(b, ISO_8859_1).replaceAll("[^\\x20-\\x7e]", ".");
  }
}
