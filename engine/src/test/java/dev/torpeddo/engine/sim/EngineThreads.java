package dev.torpeddo.engine.sim;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The threads started since a simulation began — the engine's, virtual ones included — so that the
 * scheduler can tell when none of them is running. The JDK lists virtual threads only through an internal
 * API (the one thread dumps use); the test JVM opens it with {@code --add-exports
 * java.base/jdk.internal.vm=ALL-UNNAMED} (see the surefire configuration).
 */
final class EngineThreads {
    private static final Method ROOT;
    private static final Method THREADS;
    private static final Method CHILDREN;

    static {
        try {
            Class<?> containers = Class.forName("jdk.internal.vm.ThreadContainers");
            ROOT = containers.getMethod("root");
            Class<?> container = Class.forName("jdk.internal.vm.ThreadContainer");
            THREADS = container.getMethod("threads");
            CHILDREN = container.getMethod("children");
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Set<Thread> before;

    /** Takes note of the threads that exist now: they are not the simulation's. */
    EngineThreads() {
        this.before = all().collect(Collectors.toSet());
    }

    /** Whether a thread started since then is running or about to run. */
    boolean anyRunning() {
        return running().findAny().isPresent();
    }

    /** The threads started since then that are running or about to run. */
    Stream<Thread> running() {
        Thread me = Thread.currentThread();
        return all().filter(t -> t != me && !before.contains(t) && ours(t) && running(t));
    }

    /**
     * Virtual threads, and platform threads of the application (hash and disk threads, which take the group
     * of the thread that starts them, often a virtual one's): not the JDK's own service threads, which come
     * and go (an attach listener, the virtual-thread unblocker) and show as running while they wait in
     * native code.
     */
    private static boolean ours(Thread t) {
        if (t.isVirtual()) return true;
        ThreadGroup g = t.getThreadGroup();
        return g != null && !g.getName().equals("system") && !g.getName().equals("InnocuousThreadGroup");
    }

    private static boolean running(Thread t) {
        return switch (t.getState()) {
            case NEW, RUNNABLE -> true;
            case BLOCKED, WAITING, TIMED_WAITING, TERMINATED -> false;
        };
    }

    /** Every thread: the root container's and, recursively, those of thread pools, which keep their own. */
    private static Stream<Thread> all() {
        try {
            return threadsUnder(ROOT.invoke(null));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot list threads: run the tests with --add-exports java.base/jdk.internal.vm=ALL-UNNAMED", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Stream<Thread> threadsUnder(Object container) throws ReflectiveOperationException {
        Stream<Thread> own = (Stream<Thread>) THREADS.invoke(container);
        java.util.List<Object> children = ((Stream<Object>) CHILDREN.invoke(container)).toList();
        java.util.List<Thread> all = new java.util.ArrayList<>(own.toList());
        for (Object child : children) all.addAll(threadsUnder(child).toList());
        return all.stream();
    }
}
