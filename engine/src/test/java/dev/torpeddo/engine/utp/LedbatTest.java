package dev.torpeddo.engine.utp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** LEDBAT: grows while the queuing delay is under target, yields above it, halves on loss. */
class LedbatTest {
    private static final int MSS = 1000;
    private static final long BASE = 5_000_000; // clocks differ: samples carry any offset

    @Test
    void slowStartGrowsByWhatIsAckedWhileTheDelayIsLow() {
        Ledbat l = new Ledbat(MSS, 1 << 20);
        long before = l.window();
        l.onAck(MSS, BASE, before, true, 0);
        assertThat(l.window()).isGreaterThanOrEqualTo(before + MSS);
        assertThat(l.inSlowStart()).isTrue();
    }

    @Test
    void aDelayOverTheTargetEndsSlowStartAndShrinksTheWindow() {
        Ledbat l = new Ledbat(MSS, 1 << 20);
        for (int i = 0; i < 50; i++) l.onAck(MSS, BASE, l.window(), true, i * 1000L);
        long grown = l.window();
        // The same base, 200 ms more queuing: twice the target.
        for (int i = 0; i < 50; i++) l.onAck(MSS, BASE + 200_000, l.window(), true, 60_000L + i * 1000L);
        assertThat(l.inSlowStart()).isFalse();
        assertThat(l.queuingDelay()).isEqualTo(200_000);
        assertThat(l.window()).isLessThan(grown);
    }

    @Test
    void belowTheTargetAfterSlowStartItGrowsByAtMostTheGainPerWindow() {
        Ledbat l = new Ledbat(MSS, 1 << 20);
        l.onLoss(0); // leaves slow start
        long w = l.window();
        // One window's worth of acks at zero queuing delay: +GAIN bytes.
        for (long acked = 0; acked < w; acked += MSS) l.onAck(MSS, BASE, w, true, 1000);
        assertThat(l.window()).isBetween(w + Ledbat.GAIN_BYTES - 10, w + Ledbat.GAIN_BYTES + 10);
    }

    @Test
    void aLossHalvesAtMostOncePer100MsAndNeverBelowOnePacket() {
        Ledbat l = new Ledbat(MSS, 1 << 20);
        for (int i = 0; i < 20; i++) l.onAck(MSS, BASE, l.window(), true, 0);
        long w = l.window();
        l.onLoss(1_000_000);
        assertThat(l.window()).isEqualTo(w / 2);
        l.onLoss(1_050_000);
        assertThat(l.window()).isEqualTo(w / 2);
        for (int i = 0; i < 20; i++) l.onLoss(2_000_000 + i * 200_000L);
        assertThat(l.window()).isEqualTo(MSS);
    }

    @Test
    void anUnsaturatedSenderDoesNotGrowItsWindow() {
        Ledbat l = new Ledbat(MSS, 1 << 20);
        long w = l.window();
        l.onAck(MSS, BASE, w, false, 0);
        assertThat(l.window()).isEqualTo(w);
    }

    @Test
    void theBaseDelayAgesOutAfterTheHistory() {
        Ledbat l = new Ledbat(MSS, 1 << 20);
        l.onAck(MSS, BASE, MSS, true, 0); // a low sample, long ago
        long later = 11 * 60_000_000L;
        for (int m = 1; m <= 11; m++) l.onAck(MSS, BASE + 150_000, MSS, true, m * 60_000_000L);
        // Eleven minutes on, only the higher samples remain: the route changed, that is no queue.
        l.onAck(MSS, BASE + 150_000, MSS, true, later + 1);
        assertThat(l.queuingDelay()).isZero();
    }
}
