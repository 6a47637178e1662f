package dev.torpeddo.engine.mse;

import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.net.Network;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A connection after an MSE handshake: its streams decrypt and encrypt as negotiated (for the plaintext
 * method they pass the peer-wire stream through), the socket underneath is the same.
 *
 * @param raw the connection the handshake ran on
 * @param in the peer's stream, decrypted
 * @param out our stream, encrypted when {@code method} is RC4
 * @param method what the two sides chose
 * @param infoHash the torrent the handshake named (SKEY)
 */
public record EncryptedConnection(
        Network.Connection raw, InputStream in, OutputStream out, CryptoMethod method, InfoHash infoHash)
        implements Network.Connection {

    /** Whether the payload is encrypted (RC4), not only the handshake. */
    public boolean rc4() {
        return method == CryptoMethod.RC4;
    }

    @Override
    public InetSocketAddress remote() {
        return raw.remote();
    }

    @Override
    public void setReadTimeout(Duration timeout) throws IOException {
        raw.setReadTimeout(timeout);
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
