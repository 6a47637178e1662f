/**
 * The Torpeddo BitTorrent engine. Clients see only its public face: the {@code session} (start one, add
 * torrents, drive them through their handles), the value types in {@code api} (configuration, add
 * requests, status snapshots, events), and the formats a client handles itself ({@code metainfo} for
 * .torrent files, {@code magnet} for magnet links, {@code bencode} beneath them, {@code id} for the
 * byte-string identifiers they share). Everything else is
 * the engine's own business and may change at any time.
 */
module dev.torpeddo.engine {
    requires java.net.http;

    exports dev.torpeddo.engine.api;
    exports dev.torpeddo.engine.session;
    exports dev.torpeddo.engine.metainfo;
    exports dev.torpeddo.engine.magnet;
    exports dev.torpeddo.engine.bencode;
    exports dev.torpeddo.engine.id;
}
