package dev.torpeddo.engine.tracker;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** An HTTP(S) tracker (BEP 3), with compact IPv4 (BEP 23) and IPv6 (BEP 7) peer lists and scrape (BEP 48). */
public final class HttpTracker implements Tracker {
    /** Bodies beyond this are refused; a real announce answer is a few KiB. Applies after gzip decoding too. */
    static final int MAX_BODY = 2 << 20;

    /** Sent by both HTTP paths (PlainHttp and the JDK client). */
    static final String USER_AGENT = "Torpeddo/0.1";

    private static final System.Logger LOG = System.getLogger(HttpTracker.class.getName());

    private final URI uri;
    private final TrackerTransport transport;
    /** Tracker ids handed out per torrent, echoed on later announces as BEP 3 asks. */
    private final Map<InfoHash, String> trackerIds = new ConcurrentHashMap<>();

    HttpTracker(URI uri, TrackerTransport transport) {
        this.uri = uri;
        this.transport = transport;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public AnnounceResponse announce(AnnounceRequest request) throws TrackerException, InterruptedException {
        QueryString query = new QueryString()
                .add("info_hash", request.infoHash().bytes())
                .add("peer_id", request.peerId())
                .add("port", request.port())
                .add("uploaded", request.uploaded())
                .add("downloaded", request.downloaded())
                .add("left", request.left())
                .add("compact", request.compact() ? 1 : 0)
                .add("no_peer_id", 1)
                .add("key", Integer.toHexString(request.key()));
        request.event().httpName().ifPresent(event -> query.add("event", event));
        if (request.numWant() >= 0) query.add("numwant", request.numWant());
        // BEP 7: a tracker reached over IPv4 learns our IPv6 address this way (and over IPv6 it is harmless).
        transport.ipv6().get().ifPresent(ours -> query.add("ipv6", ours.getHostAddress()));
        String trackerId = trackerIds.get(request.infoHash());
        if (trackerId != null) query.add("trackerid", trackerId);

        byte[] body = get(query.appendTo(uri.toString()));
        try {
            AnnounceResponse response = HttpResponseParser.parseResponse(body);
            response.trackerId().ifPresent(id -> trackerIds.put(request.infoHash(), id));
            return response;
        } catch (ResponseProblem p) {
            throw p.toTrackerException(uri);
        }
    }

    @Override
    public ScrapeResponse scrape(InfoHash infoHash) throws TrackerException, InterruptedException {
        URI scrape = scrapeUri(uri).orElseThrow(() -> new TrackerException(uri, "scrape not supported"));
        byte[] body = get(new QueryString().add("info_hash", infoHash.bytes()).appendTo(scrape.toString()));
        try {
            return HttpResponseParser.parseScrape(body, infoHash.bytes());
        } catch (ResponseProblem p) {
            throw p.toTrackerException(uri);
        }
    }

    @Override
    public boolean canScrape() {
        return scrapeUri(uri).isPresent();
    }

    /**
     * The scrape URL by the BEP 48 convention: the last path segment must start with "announce", which is replaced
     * by "scrape" ({@code /x/announce.php?a=b} becomes {@code /x/scrape.php?a=b}).
     */
    static Optional<URI> scrapeUri(URI announce) {
        String path = announce.getRawPath();
        if (path == null) return Optional.empty();
        int slash = path.lastIndexOf('/');
        if (slash < 0 || !path.startsWith("announce", slash + 1)) return Optional.empty();
        String newPath = path.substring(0, slash + 1) + "scrape" + path.substring(slash + 1 + "announce".length());
        String query = announce.getRawQuery() == null ? "" : "?" + announce.getRawQuery();
        try {
            return Optional.of(new URI(announce.getScheme() + "://" + announce.getRawAuthority() + newPath + query));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private byte[] get(String url) throws TrackerException, InterruptedException {
        URI target;
        try {
            target = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new TrackerException(uri, "invalid URL: " + e.getMessage());
        }
        Fetched response = fetch(target);
        byte[] body;
        try (InputStream in = decoded(response)) {
            body = in.readNBytes(MAX_BODY + 1); // one byte more tells "too big" from "exactly the limit"
        } catch (HttpTimeoutException | SocketTimeoutException e) {
            throw timedOut(e);
        } catch (ZipException e) {
            throw new TrackerException(uri, "bad response: invalid gzip body", e);
        } catch (IOException e) {
            throw new TrackerException(uri, "reading the response failed: " + describe(e), e);
        }
        if (body.length > MAX_BODY) {
            throw tooBig();
        }
        if (response.status() != 200) {
            LOG.log(System.Logger.Level.DEBUG, "{0} answered HTTP {1}", uri, response.status());
            // Some trackers explain a refusal in a bencoded body even on an error status.
            try {
                HttpResponseParser.parseResponse(body);
            } catch (ResponseProblem p) {
                if (p.getMessage().startsWith("failure reason")) throw p.toTrackerException(uri);
            }
            throw new TrackerException(uri, "HTTP status " + response.status());
        }
        return body;
    }

    /** A response's status, content encoding and (still encoded) body, from either client. */
    private record Fetched(int status, String contentEncoding, InputStream body) {}

    /**
     * Plain {@code http://} goes through {@link PlainHttp}, following up to five redirects; {@code https://}
     * (also when a redirect leads there) through the JDK's client, which follows its own.
     */
    private Fetched fetch(URI target) throws TrackerException, InterruptedException {
        URI at = target;
        for (int redirects = 0; "http".equalsIgnoreCase(at.getScheme()); redirects++) {
            PlainHttp.Response r;
            try {
                r = PlainHttp.get(transport, at, MAX_BODY);
            } catch (SocketTimeoutException e) {
                throw timedOut(e);
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) throw new InterruptedException("announce interrupted");
                throw new TrackerException(uri, "unreachable: " + describe(e), e);
            }
            if (!r.isRedirect()) {
                if (r.body().length > MAX_BODY) {
                    throw tooBig();
                }
                return new Fetched(r.status(), r.contentEncoding(), new ByteArrayInputStream(r.body()));
            }
            if (redirects == 5) throw new TrackerException(uri, "too many redirects");
            try {
                at = at.resolve(r.location().orElseThrow());
            } catch (IllegalArgumentException e) {
                throw new TrackerException(uri, "bad redirect: " + e.getMessage());
            }
        }
        if (!"https".equalsIgnoreCase(at.getScheme())) throw new TrackerException(uri, "redirected to " + at);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(at)
                    .timeout(transport.httpTimeout())
                    .header("Accept-Encoding", "gzip")
                    .header("User-Agent", USER_AGENT)
                    .GET()
                    .build();
        } catch (IllegalArgumentException e) {
            throw new TrackerException(uri, "invalid URL: " + e.getMessage());
        }
        try {
            HttpResponse<InputStream> response =
                    transport.httpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
            String encoding = response.headers().firstValue("Content-Encoding").orElse("identity");
            return new Fetched(response.statusCode(), encoding, response.body());
        } catch (HttpTimeoutException e) {
            throw timedOut(e);
        } catch (IOException e) {
            throw new TrackerException(uri, "unreachable: " + describe(e), e);
        }
    }

    private TrackerException tooBig() {
        return new TrackerException(uri, "bad response: body larger than " + (MAX_BODY >> 20) + " MiB");
    }

    private TrackerException timedOut(IOException e) {
        return new TrackerException(
                uri, "timed out after " + transport.httpTimeout().toSeconds() + " s", e);
    }

    private static InputStream decoded(Fetched response) throws IOException {
        String encoding = response.contentEncoding().strip();
        return switch (encoding.toLowerCase(Locale.ROOT)) {
            case "gzip", "x-gzip" -> new GZIPInputStream(response.body());
            case "identity", "" -> response.body();
            default -> {
                response.body().close();
                throw new IOException("unsupported Content-Encoding " + encoding);
            }
        };
    }

    private static String describe(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
