package dev.torpeddo.engine.mse;

import java.util.EnumSet;
import java.util.Set;

/** The payload encryptions MSE negotiates, with their bits in {@code crypto_provide} and {@code crypto_select}. */
public enum CryptoMethod {
    /** Only the handshake is obfuscated; the peer-wire stream after it travels in the clear. */
    PLAINTEXT(0x01),
    /** The whole stream is RC4-encrypted. */
    RC4(0x02);

    private final int bit;

    CryptoMethod(int bit) {
        this.bit = bit;
    }

    int bit() {
        return bit;
    }

    static int bits(Set<CryptoMethod> methods) {
        int bits = 0;
        for (CryptoMethod m : methods) bits |= m.bit;
        return bits;
    }

    static Set<CryptoMethod> of(int bits) {
        Set<CryptoMethod> out = EnumSet.noneOf(CryptoMethod.class);
        for (CryptoMethod m : values()) if ((bits & m.bit) != 0) out.add(m);
        return out;
    }
}
