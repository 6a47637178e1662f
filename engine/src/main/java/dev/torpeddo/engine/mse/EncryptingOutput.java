package dev.torpeddo.engine.mse;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * RC4 on the way out. The caller's array is never changed (a message's buffer may be reused or shared), so
 * each write is encrypted into a scratch buffer of this connection's, a chunk at a time.
 */
final class EncryptingOutput extends OutputStream {
    private static final int CHUNK = 64 * 1024;

    private final OutputStream out;
    private final Rc4 cipher;
    private final byte[] scratch = new byte[CHUNK];

    EncryptingOutput(OutputStream out, Rc4 cipher) {
        this.out = out;
        this.cipher = cipher;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        for (int done = 0; done < len; ) {
            int k = Math.min(CHUNK, len - done);
            cipher.apply(b, off + done, k, scratch, 0);
            out.write(scratch, 0, k);
            done += k;
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
