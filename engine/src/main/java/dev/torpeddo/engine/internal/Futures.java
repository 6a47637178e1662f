package dev.torpeddo.engine.internal;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Futures whose outcome nobody waits for. A callback chained with {@code whenComplete} returns a new future
 * that carries any exception the callback throws; when that future is dropped, the bug vanishes without a
 * trace. These helpers log such exceptions instead, and make "nobody needs this result" explicit.
 */
public final class Futures {
    private static final System.Logger LOG = System.getLogger(Futures.class.getName());

    private Futures() {}

    /** Runs {@code action} when {@code future} completes, on the completing thread. */
    public static <T> void whenDone(CompletionStage<T> future, BiConsumer<? super T, ? super Throwable> action) {
        ignore(future.whenComplete(guarded(action)));
    }

    /** Runs {@code action} with the result if {@code future} completes normally; a failure is dropped. */
    public static <T> void onSuccess(CompletionStage<T> future, Consumer<? super T> action) {
        whenDone(future, (value, failure) -> {
            if (failure == null) action.accept(value);
        });
    }

    /** Runs {@code action} on {@code executor} when {@code future} completes. */
    public static <T> void whenDoneAsync(
            CompletionStage<T> future, BiConsumer<? super T, ? super Throwable> action, Executor executor) {
        ignore(future.whenCompleteAsync(guarded(action), executor));
    }

    /**
     * Drops a future on purpose: the work it stands for matters, its outcome does not (a DHT ping that times
     * out is as useful as one that answers).
     */
    @SuppressWarnings("unused")
    public static void ignore(CompletionStage<?> future) {}

    private static <T> BiConsumer<T, Throwable> guarded(BiConsumer<? super T, ? super Throwable> action) {
        return (value, failure) -> {
            try {
                action.accept(value, failure);
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.ERROR, "callback failed", e);
                throw e;
            }
        };
    }
}
