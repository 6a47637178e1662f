/**
 * The {@code torpeddo} program: the command line today, the TorrentManager and the JSON-RPC server next.
 * It drives the engine only through what the engine's module exports; the compiler enforces that.
 */
module dev.torpeddo.backend {
    requires dev.torpeddo.engine;
    requires java.logging; // the console log handler (cli/Logging)
    requires jdk.httpserver; // AotTraining's in-process tracker
}
