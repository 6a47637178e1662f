/**
 * The {@code torpeddo} program: the TorrentManager ({@code manager}), the command line ({@code cli}), and the
 * JSON-RPC server ({@code rpc}).
 * It drives the engine only through what the engine's module exports; the compiler enforces that.
 */
module dev.torpeddo.backend {
    requires dev.torpeddo.engine;
    requires tools.jackson.databind; // settings.json, resume records and JSON-RPC
    requires jdk.httpserver; // AotTraining's in-process tracker
    requires org.slf4j; // logging (logging/LogSetup), with Logback underneath
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;

    provides ch.qos.logback.classic.spi.Configurator with
            dev.torpeddo.backend.logging.StderrConfigurator;
}
