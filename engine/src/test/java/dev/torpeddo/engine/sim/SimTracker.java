package dev.torpeddo.engine.sim;

import dev.torpeddo.engine.bencode.BDict;
import dev.torpeddo.engine.bencode.BEncoder;
import dev.torpeddo.engine.net.Network;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP tracker on a simulated host: it remembers who announced (address from the connection, port from
 * the query), answers with up to {@code numwant} others in compact form, and forgets peers that say
 * {@code stopped}. Just enough of BEP 3 and BEP 23 for swarms in a simulation.
 */
public final class SimTracker implements AutoCloseable {
    private static final int PORT = 80;
    private static final int DEFAULT_NUMWANT = 50;
    private static final int INTERVAL_SECONDS = 1800;

    private final Network.Listener listener;
    private final URI announce;
    // info-hash (hex of the raw bytes) -> peer -> left == 0
    private final Map<String, Map<InetSocketAddress, Boolean>> swarms = new HashMap<>();
    private int announces;
    private final SimThreads threads;

    public SimTracker(SimHost host) throws IOException {
        this.listener = host.network().listen(host.at(PORT));
        this.announce = URI.create("http://" + host.address().getHostAddress() + ":" + PORT + "/announce");
        this.threads = host.threads();
        threads.startVirtual("sim-tracker", this::acceptLoop);
    }

    public URI announceUri() {
        return announce;
    }

    /** Announces received so far. */
    public synchronized int announces() {
        return announces;
    }

    private void acceptLoop() {
        while (true) {
            Network.Connection c;
            try {
                c = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            threads.startVirtual("sim-tracker-request", () -> serve(c));
        }
    }

    private void serve(Network.Connection c) {
        try (c) {
            String requestLine = readHead(c.in());
            String target = requestLine.split(" ")[1];
            Map<String, byte[]> query = parseQuery(target.substring(target.indexOf('?') + 1));
            byte[] body = answer(c.remote(), query);
            OutputStream out = c.out();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        } catch (IOException | RuntimeException e) {
            // a request cut short: the client retries on its own schedule
        }
    }

    private synchronized byte[] answer(InetSocketAddress from, Map<String, byte[]> query) {
        announces++;
        String hash = java.util.HexFormat.of().formatHex(query.get("info_hash"));
        int port = Integer.parseInt(text(query.get("port")));
        boolean seeder = "0".equals(text(query.get("left")));
        String event = query.containsKey("event") ? text(query.get("event")) : "";
        int numwant = query.containsKey("numwant") ? Integer.parseInt(text(query.get("numwant"))) : DEFAULT_NUMWANT;
        InetSocketAddress peer = new InetSocketAddress(from.getAddress(), port);
        Map<InetSocketAddress, Boolean> swarm = swarms.computeIfAbsent(hash, h -> new LinkedHashMap<>());
        if (event.equals("stopped")) swarm.remove(peer);
        else swarm.put(peer, seeder);
        List<InetSocketAddress> others = new ArrayList<>(swarm.keySet());
        others.remove(peer);
        Collections.shuffle(others, new java.util.Random(announces));
        ByteArrayOutputStream compact = new ByteArrayOutputStream();
        for (InetSocketAddress a : others.subList(0, Math.min(numwant, others.size()))) {
            compact.writeBytes(a.getAddress().getAddress());
            compact.write(a.getPort() >> 8);
            compact.write(a.getPort() & 0xff);
        }
        int seeders = (int) swarm.values().stream().filter(s -> s).count();
        return BEncoder.encode(BDict.builder()
                .put("interval", INTERVAL_SECONDS)
                .put("complete", seeders)
                .put("incomplete", swarm.size() - seeders)
                .put("peers", compact.toByteArray())
                .build());
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (head.size() < 16_384) {
            int b = in.read();
            if (b < 0) throw new IOException("request cut short");
            head.write(b);
            String s = head.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) return s.substring(0, s.indexOf("\r\n"));
        }
        throw new IOException("request head too long");
    }

    private static Map<String, byte[]> parseQuery(String query) {
        Map<String, byte[]> out = new HashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) continue;
            out.put(pair.substring(0, eq), percentDecode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static byte[] percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '%' && i + 2 < s.length()) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(ch == '+' ? ' ' : ch);
            }
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
