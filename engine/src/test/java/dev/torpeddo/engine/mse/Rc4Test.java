package dev.torpeddo.engine.mse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Our RC4 is the JDK's ARCFOUR with the first 1024 bytes of keystream dropped, in any chunking. */
class Rc4Test {
    @Test
    void itIsTheJdksRc4AfterDiscardingTheFirst1024BytesWhateverTheChunks() throws Exception {
        byte[] key = MseCrypto.hash("keyA", new byte[] {1, 2, 3});
        Cipher jdk = Cipher.getInstance("ARCFOUR");
        jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
        jdk.update(new byte[1024]);
        byte[] expected = jdk.update(new byte[10_000]);

        Rc4 ours = new Rc4(key);
        byte[] actual = new byte[10_000];
        int[] chunks = {1, 7, 256, 1000, 3000};
        for (int off = 0, c = 0; off < actual.length; c++) {
            int len = Math.min(chunks[c % chunks.length], actual.length - off);
            ours.apply(actual, off, len);
            off += len;
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void decryptingWithTheSameKeyGivesTheTextBack() {
        byte[] key = MseCrypto.hash("keyB", new byte[] {9});
        byte[] text = "the quick brown fox".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] enc = new byte[text.length];
        new Rc4(key).apply(text, 0, text.length, enc, 0);
        assertThat(enc).isNotEqualTo(text);
        new Rc4(key).apply(enc, 0, enc.length);
        assertThat(Arrays.equals(enc, text)).isTrue();
    }
}
