package io.wxchat.session.internal;

import io.wxchat.session.ClientOptions;
import io.wxchat.session.ClientSession;
import io.wxchat.session.Inbox;
import io.wxchat.session.Received;
import io.wxchat.session.RecordedEvent.Direction;
import io.wxchat.session.RecordedEvent.Kind;
import io.wxchat.session.Transcript;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;

/** A session on Java-WebSocket's client: two threads per connection, fine for scripted cases. */
public final class LibrarySession implements ClientSession {
  private final String name;
  private final Transcript transcript;
  private final Inbox inbox = new Inbox();
  private final Client client;

  private LibrarySession(String name, URI uri, ClientOptions options, Transcript transcript, SSLContext tls) {
    this.name = name;
    this.transcript = transcript;
    List<IProtocol> protocols = options.subprotocols().isEmpty()
        ? List.of(new Protocol(""))
        : options.subprotocols().stream().<IProtocol>map(Protocol::new).toList();
    this.client = new Client(uri, new Draft_6455(List.of(), protocols), options.headers(),
        (int) options.connectTimeout().toMillis());
    if (tls != null) {
      client.setSocketFactory(tls.getSocketFactory());
    }
  }

  /** Connects, bounded by the options' timeout; throws {@link IOException} naming why it failed. */
  public static LibrarySession open(String name, URI uri, ClientOptions options, Transcript transcript,
                                    SSLContext tls) throws IOException, InterruptedException {
    LibrarySession session = new LibrarySession(name, uri, options, transcript, tls);
    Client client = session.client;
    client.setTcpNoDelay(true);
    boolean open = client.connectBlocking(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    if (!open) {
      client.close();
      String why = client.failure != null ? client.failure : "no handshake within " + options.connectTimeout().toMillis() + " ms";
      if (why.contains("PKIX") || why.contains("certificate")) {
        why = why.replaceAll("sun\\.security\\.\\S+: ", "")
            + " (the server's certificate is not trusted: give its certificate or CA with --ca-cert PEM)";
      }
      transcript.record(name, Direction.INFO, Kind.ERROR, "connect " + uri + " failed: " + why, 0);
      throw new IOException("cannot connect to " + uri + ": " + why);
    }
    return session;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(String text) {
    transcript.record(name, Direction.OUT, Kind.TEXT, text, 0);
    try {
      client.send(text);
    } catch (WebsocketNotConnectedException closed) {
      transcript.record(name, Direction.INFO, Kind.ERROR, "not sent: the connection is closed", 0);
    }
  }

  @Override
  public void sendBinary(byte[] bytes) {
    transcript.record(name, Direction.OUT, Kind.BINARY, HexFormat.ofDelimiter(" ").formatHex(bytes), 0);
    try {
      client.send(bytes);
    } catch (WebsocketNotConnectedException closed) {
      transcript.record(name, Direction.INFO, Kind.ERROR, "not sent: the connection is closed", 0);
    }
  }

  @Override
  public void sendRaw(byte[] bytes) {
    throw new UnsupportedOperationException("raw bytes need a raw client: connect with raw: true");
  }

  @Override
  public Inbox inbox() {
    return inbox;
  }

  @Override
  public boolean isOpen() {
    return client.isOpen();
  }

  @Override
  public void close(int code) {
    if (client.isOpen()) {
      transcript.record(name, Direction.OUT, Kind.CLOSE, "", code);
      client.close(code);
    }
  }

  @Override
  public void drop() {
    transcript.record(name, Direction.OUT, Kind.CLOSE, "TCP connection dropped, no close frame", 1006);
    try {
      if (client.getSocket() != null) {
        client.getSocket().close();
      }
    } catch (IOException ignored) {
      // already gone
    }
    client.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by the client");
  }

  @Override
  public void pauseReading() {
    throw new UnsupportedOperationException("pauseReading needs a raw client: connect with raw: true");
  }

  @Override
  public void resumeReading() {
    throw new UnsupportedOperationException("resumeReading needs a raw client: connect with raw: true");
  }

  @Override
  public void close() {
    try {
      client.closeBlocking();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Client extends WebSocketClient {
    volatile String failure;

    Client(URI uri, Draft_6455 draft, Map<String, String> headers, int timeoutMillis) {
      super(uri, draft, headers, timeoutMillis);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
      transcript.record(name, Direction.INFO, Kind.OPEN, getURI().toString(), handshake.getHttpStatus());
    }

    @Override
    public void onMessage(String text) {
      long at = System.nanoTime();
      inbox.add(new Received.Text(text, at));
      transcript.recordAt(at, name, Direction.IN, Kind.TEXT, text, 0);
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
      long at = System.nanoTime();
      byte[] copy = new byte[bytes.remaining()];
      bytes.get(copy);
      inbox.add(new Received.Binary(copy, at));
      transcript.recordAt(at, name, Direction.IN, Kind.BINARY, HexFormat.ofDelimiter(" ").formatHex(copy), 0);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
      long at = System.nanoTime();
      if (getReadyState() != org.java_websocket.enums.ReadyState.NOT_YET_CONNECTED || remote) {
        inbox.add(new Received.Closed(code, reason, at));
      }
      transcript.recordAt(at, name, remote ? Direction.IN : Direction.INFO, Kind.CLOSE,
          (remote ? "" : "closed locally ") + (reason == null ? "" : reason), code);
      if (failure == null && code == CloseFrame.NEVER_CONNECTED) {
        failure = reason;
      }
    }

    @Override
    public void onError(Exception error) {
      failure = error.getMessage() == null ? error.toString() : error.getMessage();
      transcript.record(name, Direction.INFO, Kind.ERROR, failure, 0);
    }
  }
}
