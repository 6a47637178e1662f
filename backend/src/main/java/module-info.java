/**
 * The {@code torpeddo} program: the TorrentManager ({@code manager}), the command line ({@code cli}), and the
 * JSON-RPC server next.
 * It drives the engine only through what the engine's module exports; the compiler enforces that.
 */
module dev.torpeddo.backend {
    requires dev.torpeddo.engine;
    requires java.logging; // the console log handler (cli/Logging)
    requires tools.jackson.databind; // settings.json and resume records now, JSON-RPC next
    requires jdk.httpserver; // AotTraining's in-process tracker
}
