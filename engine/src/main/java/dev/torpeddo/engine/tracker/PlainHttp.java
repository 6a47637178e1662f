package dev.torpeddo.engine.tracker;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.net.Network;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTP/1.1 GET over plain TCP, for {@code http://} trackers. The JDK's client sets up TLS before it sends
 * anything, even for plain http: ~65 ms at every start, on the path to the first announce. A tracker
 * exchange needs little: one request, {@code Connection: close}, a status, three headers and a small body
 * (by length, chunked, or up to the end of the stream). Every size is bounded before it is buffered.
 */
final class PlainHttp {
    /** Status line and headers together; trackers send a few hundred bytes. */
    static final int MAX_HEAD = 16 * 1024;

    /** What the tracker answered. {@code body} is as sent: still gzip-encoded if {@code contentEncoding} says so. */
    record Response(int status, String contentEncoding, Optional<String> location, byte[] body) {
        boolean isRedirect() {
            return (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
                    && location.isPresent();
        }
    }

    private PlainHttp() {}

    /**
     * Sends {@code GET uri} and reads the answer; a body over {@code maxBody} bytes is cut at {@code maxBody + 1}
     * so that the caller can tell "too big" from "exactly the limit".
     *
     * @throws java.net.SocketTimeoutException when the whole answer has not arrived within the transport's
     *     HTTP timeout
     *     (a tracker that trickles bytes cannot hold an announce for longer)
     * @throws IOException when the tracker cannot be reached or answers something that is not HTTP
     */
    static Response get(TrackerTransport transport, URI uri, int maxBody) throws IOException {
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String host = uri.getHost();
        if (host == null) throw new IOException("no host in " + uri);
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) throw new IOException("unknown host " + host);
        Clock clock = transport.clock();
        long deadline = clock.nanoTime() + transport.httpTimeout().toNanos();
        try (Network.Connection c = transport.network().connect(address, TrackerTransport.CONNECT_TIMEOUT)) {
            OutputStream out = c.out();
            out.write(request(uri).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(new BufferedInputStream(new UntilDeadline(c, clock, deadline), 8192), maxBody);
        }
    }

    /** Each read waits at most for what is left of the deadline. */
    private static final class UntilDeadline extends FilterInputStream {
        private final Network.Connection connection;
        private final Clock clock;
        private final long deadline;

        UntilDeadline(Network.Connection connection, Clock clock, long deadline) {
            super(connection.in());
            this.connection = connection;
            this.clock = clock;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            limitWait();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            limitWait();
            return super.read(b, off, len);
        }

        private void limitWait() throws IOException {
            long left = deadline - clock.nanoTime();
            if (left <= 0) throw new SocketTimeoutException("no complete answer in time");
            connection.setReadTimeout(Duration.ofNanos(Math.max(left, 1_000_000)));
        }
    }

    static String request(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[")
                ? "[" + uri.getHost() + "]"
                : uri.getHost();
        String hostHeader = uri.getPort() < 0 || uri.getPort() == 80 ? host : host + ":" + uri.getPort();
        return "GET " + path + query + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "User-Agent: " + HttpTracker.USER_AGENT + "\r\n"
                + "Accept-Encoding: gzip\r\n"
                + "Connection: close\r\n\r\n";
    }

    /** Reads a whole response from {@code in}. Pure apart from reading: the fuzz target calls it directly. */
    static Response read(InputStream in, int maxBody) throws IOException {
        Bounded head = new Bounded(in, MAX_HEAD);
        String statusLine = head.line();
        int status = status(statusLine);
        String encoding = "identity";
        String location = null;
        long length = -1;
        boolean chunked = false;
        for (String line = head.line(); !line.isEmpty(); line = head.line()) {
            int colon = line.indexOf(':');
            if (colon <= 0) throw new IOException("bad header line");
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "content-encoding" -> encoding = value;
                case "location" -> location = value;
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "content-length" -> length = contentLength(value);
                default -> {}
            }
        }
        byte[] body = chunked ? chunked(in, maxBody) : plain(in, length, maxBody);
        return new Response(status, encoding, Optional.ofNullable(location), body);
    }

    private static int status(String line) throws IOException {
        // "HTTP/1.1 200 OK": the reason phrase may be empty or missing.
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
            throw new IOException("not an HTTP response");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char ch = line.charAt(i);
            if (ch < '0' || ch > '9') throw new IOException("not an HTTP status");
            status = status * 10 + (ch - '0');
        }
        if (line.length() > 12 && line.charAt(12) != ' ') throw new IOException("not an HTTP status");
        return status;
    }

    private static long contentLength(String value) throws IOException {
        if (value.isEmpty() || value.length() > 18) throw new IOException("bad Content-Length");
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch < '0' || ch > '9') throw new IOException("bad Content-Length");
            n = n * 10 + (ch - '0');
        }
        return n;
    }

    /** A body delimited by its length, or by the end of the stream when there is none. */
    private static byte[] plain(InputStream in, long length, int maxBody) throws IOException {
        if (length < 0) return in.readNBytes(maxBody + 1);
        int want = (int) Math.min(length, maxBody + 1L);
        byte[] body = in.readNBytes(want);
        if (body.length < want) throw new EOFException("body ends after " + body.length + " of " + length + " bytes");
        return body;
    }

    /** A chunked body (RFC 9112 §7.1); extensions and trailers are skipped. */
    private static byte[] chunked(InputStream in, int maxBody) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Bounded lines = new Bounded(in, MAX_HEAD);
        while (true) {
            String sizeLine = lines.line();
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            if (hex.isEmpty() || hex.length() > 7) throw new IOException("bad chunk size");
            int size = 0;
            for (int i = 0; i < hex.length(); i++) {
                int digit = Character.digit(hex.charAt(i), 16);
                if (digit < 0) throw new IOException("bad chunk size");
                size = size * 16 + digit;
            }
            if (size == 0) break;
            int take = Math.min(size, maxBody + 1 - body.size());
            byte[] chunk = in.readNBytes(take);
            if (chunk.length < take) throw new EOFException("chunk ends early");
            body.writeBytes(chunk);
            if (body.size() > maxBody) return body.toByteArray(); // too big (take < size): the caller refuses it
            if (!lines.line().isEmpty()) throw new IOException("chunk longer than its size");
        }
        String trailer = lines.line();
        while (!trailer.isEmpty()) trailer = lines.line(); // trailers carry nothing a tracker exchange needs
        return body.toByteArray();
    }

    /** Reads CRLF- (or LF-) terminated ISO-8859-1 lines, at most {@code budget} bytes in all. */
    private static final class Bounded {
        private final InputStream in;
        private int budget;

        Bounded(InputStream in, int budget) {
            this.in = in;
            this.budget = budget;
        }

        String line() throws IOException {
            StringBuilder b = new StringBuilder();
            while (true) {
                int ch = in.read();
                if (ch < 0) throw new EOFException("response ends in its head");
                if (--budget < 0) throw new IOException("response head larger than " + MAX_HEAD + " bytes");
                if (ch == '\n') break;
                b.append((char) ch);
            }
            int end = b.length();
            if (end > 0 && b.charAt(end - 1) == '\r') b.setLength(end - 1);
            return b.toString();
        }
    }
}
