package dev.torpeddo.engine.wire.ext;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random swarms of honest peers and liars (wrong bytes, or a wrong size with matching bytes), where every
 * peer also rejects, times out and answers late at random.
 */
class MetadataAssemblerPropertyTest {
    private static final int PIECE = UtMetadataMessage.PIECE_SIZE;

    @Property(tries = 200)
    void withOneHonestPeerTheRightMetadataArrivesAndNoHonestPeerIsBlamed(
            @ForAll @IntRange(min = 1, max = 3) int honest,
            @ForAll @IntRange(min = 0, max = 3) int byteLiars,
            @ForAll @IntRange(min = 0, max = 2) int sizeLiars,
            @ForAll @IntRange(min = 1, max = 5 * PIECE) int size,
            @ForAll long seed)
            throws Exception {
        Random random = new Random(seed);
        byte[] info = new byte[size];
        random.nextBytes(info);
        MetadataAssembler<String> assembler = new MetadataAssembler<>(
                new InfoHash(MessageDigest.getInstance("SHA-1").digest(info)), 8 * PIECE);

        List<String> peers = new ArrayList<>();
        for (int i = 0; i < honest; i++) peers.add("honest" + i);
        for (int i = 0; i < byteLiars; i++) peers.add("byteLiar" + i);
        for (int i = 0; i < sizeLiars; i++) peers.add("sizeLiar" + i);
        java.util.Collections.shuffle(peers, random);
        byte[] wrongBytes = info.clone();
        wrongBytes[random.nextInt(size)] ^= 1;
        byte[] wrongSize = Arrays.copyOf(info, size + 1 + random.nextInt(PIECE));
        for (String p : peers) assembler.peerOffers(p, dataOf(p, info, wrongBytes, wrongSize).length);

        Set<String> blamed = new HashSet<>();
        List<String[]> pending = new ArrayList<>(); // {peer, piece}; answered in random order
        byte[] result = null;
        for (int step = 0; step < 5_000 && result == null; step++) {
            for (String p : peers) {
                if (blamed.contains(p)) continue;
                for (var next = assembler.nextRequest(p); next.isPresent(); next = assembler.nextRequest(p)) {
                    pending.add(new String[] {p, next.get().toString()});
                }
            }
            if (pending.isEmpty()) break;
            String[] request = pending.remove(random.nextInt(pending.size()));
            String peer = request[0];
            int piece = Integer.parseInt(request[1]);
            int action = random.nextInt(10);
            if (action == 0) {
                assembler.requestRejected(peer, piece);
                continue;
            }
            if (action == 1) {
                assembler.requestTimedOut(peer, piece);
                if (random.nextBoolean()) continue; // never answered; otherwise answered late
            }
            byte[] data = dataOf(peer, info, wrongBytes, wrongSize);
            byte[] slice = Arrays.copyOfRange(data, piece * PIECE, Math.min(data.length, (piece + 1) * PIECE));
            switch (assembler.onData(peer, piece, data.length, slice)) {
                case MetadataResult.Accepted<String> a -> {}
                case MetadataResult.Ignored<String> i -> {}
                case MetadataResult.BadPeer<String> b -> blamed.add(peer);
                case MetadataResult.HashMismatch<String> m -> blamed.addAll(m.badPeers());
                case MetadataResult.Complete<String> c -> {
                    blamed.addAll(c.badPeers());
                    result = c.infoDict();
                }
            }
        }

        assertThat(blamed).allMatch(p -> !p.startsWith("honest"));
        assertThat(result != null && Arrays.equals(result, info))
                .as("the right metadata arrived")
                .isTrue();
        assertThat(assembler.progress()).isEqualTo(1.0);
    }

    private static byte[] dataOf(String peer, byte[] info, byte[] wrongBytes, byte[] wrongSize) {
        if (peer.startsWith("byteLiar")) return wrongBytes;
        if (peer.startsWith("sizeLiar")) return wrongSize;
        return info;
    }
}
