// A fake backend for the list benchmark (bench/desktop-list.mjs) only: it implements `window.torpeddo` (the
// TorpeddoApi contract of src/api/torpeddo-api.ts) inside the page, holding N made-up torrents and pushing
// `state_delta` notifications the way the bridge does (docs/rpc.md "Subscriptions"): every interval, the changed
// fields of the torrents that changed, the session when it changed, one revision each.
//
// Loaded as a Playwright init script, so it runs at document start, before the app's own scripts. Options come
// from `window.__torpeddoFakeOptions` (set by an earlier init script); `window.__torpeddoFake` exposes counters.
//
// Its work happens on the page's thread, where a real backend's would not: it is measured (performance
// measures named `fake:*`) so the benchmark can report it apart. Replies and deltas reach the app through a
// MessageChannel, as Electron's IPC delivers them: a structured clone the page deserializes (its real cost);
// the serializing stands for the main process's part and is counted as the fake's.
(() => {
  const opts = {
    torrents: 10_000,
    intervalMs: 250,
    /** Torrents whose rates, progress and peers change in each delta. */
    rateChanges: 300,
    /** State changes per delta (a download finishing, a pause, a resume, a stall...). */
    stateChanges: 3,
    /**
     * Running torrents' second counters (active/seeding seconds, next announce) tick once a second, staggered:
     * about a quarter of them appear in each 250 ms delta, as they do from the real bridge.
     */
    tickCounters: true,
    seed: 13,
    ...(window.__torpeddoFakeOptions ?? {}),
  };

  // Deterministic data: the same torrents and the same deltas in every run.
  let seed = opts.seed >>> 0;
  const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const logUniform = (lo, hi) => Math.round(Math.exp(Math.log(lo) + random() * (Math.log(hi) - Math.log(lo))));
  const hex40 = () => {
    let s = '';
    for (let i = 0; i < 5; i++) s += Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0');
    return s;
  };

  // Names as torrent lists hold them: releases, distributions, archives, a few in other scripts (shaping cost).
  const WORDS = ['Ocean', 'Night', 'Signal', 'Atlas', 'Harbor', 'Winter', 'Echo', 'Garden', 'Iron', 'Paper',
    'Silent', 'River', 'Velvet', 'North', 'Glass', 'Ember', 'Orbit', 'Meadow', 'Falcon', 'Copper', 'Lantern',
    'Summit', 'Hollow', 'Prism', 'Tundra', 'Canyon', 'Saffron', 'Quartz', 'Drift', 'Monsoon'];
  const FOREIGN = ['Überall Straße', 'Ĉiutaga Vivo', 'Révolution numérique', 'Ночной поезд', '東京の夜', '山と海の物語',
    '별빛 여행', 'Ταξίδι στη θάλασσα', 'حكايات المدينة', 'Ängelholm Sessions'];
  const DISTROS = ['ubuntu-24.04.2-desktop-amd64.iso', 'debian-12.9.0-amd64-DVD-1.iso', 'Fedora-Workstation-Live-x86_64-41-1.4.iso',
    'archlinux-2025.03.01-x86_64.iso', 'linuxmint-22.1-cinnamon-64bit.iso', 'openSUSE-Tumbleweed-DVD-x86_64-Current.iso',
    'FreeBSD-14.2-RELEASE-amd64-dvd1.iso', 'kali-linux-2025.1a-installer-amd64.iso'];
  const QUALITY = ['1080p', '2160p', '720p', 'WEB-DL', 'BluRay', 'x265', 'HEVC', '10bit', 'DDP5.1', 'AAC'];
  const name = () => {
    const r = random();
    if (r < 0.08) return pick(DISTROS);
    if (r < 0.14) return `${pick(FOREIGN)} ${int(1, 12)}`;
    const words = Array.from({ length: int(1, 4) }, () => pick(WORDS));
    if (r < 0.55) return `${words.join('.')}.${int(1970, 2025)}.${pick(QUALITY)}.${pick(QUALITY)}-${pick(['GRP', 'NTb', 'FLUX', 'SPARKS', 'EDGE'])}`;
    if (r < 0.75) return `${words.join(' ')} S${String(int(1, 9)).padStart(2, '0')}E${String(int(1, 24)).padStart(2, '0')} ${pick(QUALITY)}`;
    if (r < 0.9) return `${words.join(' ')} - Discography (${int(1990, 2005)}-${int(2006, 2025)}) [FLAC]`;
    return `${words.join('_').toLowerCase()}_dataset_v${int(1, 9)}.${int(0, 20)}.tar.zst`;
  };
  const CATEGORIES = ['', '', '', 'movies', 'tv', 'music', 'linux', 'software', 'books', 'datasets'];
  const TAGS = ['hd', 'archive', 'keep', 'private', 'rss', 'new'];
  const TRACKERS = ['tracker.opentrackr.example', 'open.stealth.example', 'tracker.torrent.eu.example', 'bt.linux.example'];
  const NOW = Math.floor(Date.now() / 1000);
  const MiB = 1024 ** 2;

  const STATES = [ // [state, share]
    ['seeding', 0.38], ['downloading', 0.22], ['paused', 0.27], ['queued', 0.08], ['checking', 0.01],
    ['fetching_metadata', 0.015], ['error', 0.01], ['moving', 0.005],
  ];
  const drawState = () => {
    let r = random();
    for (const [s, share] of STATES) if ((r -= share) < 0) return s;
    return 'paused';
  };
  const isRunning = (state) => state === 'downloading' || state === 'seeding' || state === 'fetching_metadata';

  function makeTorrent(i) {
    const state = drawState();
    const metadata = state !== 'fetching_metadata';
    const total = metadata ? logUniform(20 * MiB, 80 * 1024 * MiB) : 0;
    const wanted = metadata && random() < 0.1 ? Math.round(total * (0.2 + random() * 0.7)) : total;
    const complete = state === 'seeding' || (state === 'paused' && random() < 0.5) || (state === 'moving' && random() < 0.7);
    const progress = !metadata ? 0 : complete ? 1 : state === 'queued' && random() < 0.5 ? 0 : random() * 0.98;
    const pieceSize = 2 ** Math.min(24, Math.max(15, Math.round(Math.log2(total / 1500 || 1))));
    const pieceCount = metadata ? Math.ceil(total / pieceSize) : 0;
    const downloadedAll = Math.round(wanted * progress * (1 + random() * 0.05));
    const uploadedAll = complete ? Math.round(downloadedAll * random() * 3) : Math.round(downloadedAll * random() * 0.3);
    const seeds = state === 'downloading' ? int(0, 40) : 0;
    const peers = state === 'downloading' ? seeds + int(0, 30) : state === 'seeding' ? int(0, 12) : 0;
    const down = state === 'downloading' && random() < 0.8 ? logUniform(1_000, 4 * MiB) : 0;
    const up = (state === 'downloading' || state === 'seeding') && random() < 0.5 ? logUniform(200, MiB) : 0;
    const category = pick(CATEGORIES);
    return {
      id: hex40(),
      name: metadata ? name() : hex40(),
      state,
      error: state === 'error' ? pick(['No space left on device', 'Permission denied: /media/data', 'File is missing: part 3 of 12']) : null,
      save_path: category ? `/media/data/${category}` : '/home/user/Downloads',
      total_bytes: total,
      wanted_bytes: wanted,
      done_bytes: Math.round(wanted * progress),
      progress,
      piece_count: pieceCount,
      pieces_done: Math.round(pieceCount * progress),
      checked_bytes: state === 'checking' ? Math.round(total * random()) : 0,
      moved_bytes: state === 'moving' ? Math.round(total * random()) : 0,
      metadata_progress: metadata ? 1 : random(),
      download_rate: down,
      upload_rate: up,
      downloaded: Math.round(downloadedAll * random() * 0.2),
      uploaded: Math.round(uploadedAll * random() * 0.2),
      downloaded_all_time: downloadedAll,
      uploaded_all_time: uploadedAll,
      wasted_bytes: int(0, 4) * pieceSize,
      ratio: downloadedAll > 0 ? uploadedAll / downloadedAll : 0,
      eta: down > 0 ? Math.round((wanted * (1 - progress)) / down) : -1,
      peers,
      seeds,
      swarm_seeds: random() < 0.8 ? int(0, 3000) : -1,
      swarm_leechers: random() < 0.8 ? int(0, 800) : -1,
      known_peers: peers + int(0, 200),
      distributed_copies: peers > 0 ? Math.round(random() * 500) / 100 : 0,
      active_seconds: int(60, 3_000_000),
      seeding_seconds: complete ? int(60, 2_000_000) : 0,
      next_announce: isRunning(state) ? int(1, 1800) : -1,
      added_at: NOW - int(3600, 3 * 365 * 86400),
      completed_at: complete ? NOW - int(60, 365 * 86400) : 0,
      queue_position: i,
      category,
      tags: random() < 0.3 ? [pick(TAGS)] : random() < 0.05 ? [pick(TAGS), pick(TAGS)].filter((x, k, a) => a.indexOf(x) === k) : [],
      tracker_hosts: random() < 0.1 ? [] : [pick(TRACKERS), ...(random() < 0.3 ? [pick(TRACKERS)] : [])].filter((x, k, a) => a.indexOf(x) === k),
      tracker_status: random() < 0.1 ? 'none' : random() < 0.05 ? 'error' : 'working',
      forced: random() < 0.01,
      sequential: random() < 0.03,
      first_last_pieces: random() < 0.03,
      download_limit: random() < 0.05 ? 1024 * int(50, 5000) : 0,
      upload_limit: random() < 0.05 ? 1024 * int(50, 5000) : 0,
      ratio_limit: -2,
      seeding_minutes_limit: -2,
      max_peers: 0,
      upload_slots: 0,
      stalled: state === 'downloading' ? down === 0 : state === 'seeding' ? up === 0 : false,
      complete,
    };
  }

  const channel = new MessageChannel();
  const waiting = [];
  /** Delivers a value as Electron's IPC would: serialized here, deserialized by the page when it reads it. */
  channel.port2.onmessage = (e) => waiting.shift()?.(e.data);
  const deliver = (value) => new Promise((resolve) => {
    waiting.push(resolve);
    channel.port1.postMessage(value);
  });

  performance.mark('fake:setup-start');
  const torrents = Array.from({ length: opts.torrents }, (_, i) => makeTorrent(i));
  let revision = 1;
  // The first sync's reply, serialized once here (the backend's and the main process's work). The page pays for
  // deserializing it when the app reads it: Blink deserializes a message's data on first access of `data`.
  const syncChannel = new MessageChannel();
  let firstSync = new Promise((resolve) => { syncChannel.port2.onmessage = resolve; });
  syncChannel.port1.postMessage({ revision, full: true, torrents, removed: [] });
  performance.mark('fake:setup-end');
  performance.measure('fake:setup', 'fake:setup-start', 'fake:setup-end');

  const session = {
    download_rate: 0, upload_rate: 0, downloaded: 0, uploaded: 0, torrents: opts.torrents, peers: 0,
    dht_nodes: 312, listen_addresses: ['0.0.0.0:6881', '[::]:6881'], download_limit: 0, upload_limit: 0, store_problem: '',
  };
  const sumSession = () => {
    let down = 0, up = 0, peers = 0;
    for (const t of torrents) { down += t.download_rate; up += t.upload_rate; peers += t.peers; }
    Object.assign(session, { download_rate: down, upload_rate: up, peers });
  };
  sumSession();

  const handlers = new Map();
  const connection = new Set();
  const stats = { deltas: 0, entries: 0, tickMs: [], syncs: 0 };
  let tick = 0;
  let timer = null;

  /** One backend interval: change what a busy client sees change, send the difference. */
  function step() {
    const started = performance.now();
    tick++;
    const changed = new Map();
    const set = (t, field, value) => {
      if (t[field] === value) return;
      t[field] = value;
      let entry = changed.get(t.id);
      if (!entry) changed.set(t.id, (entry = { id: t.id }));
      entry[field] = value;
    };
    const dt = opts.intervalMs / 1000;
    // Rates and progress of a few hundred busy torrents.
    for (let k = 0; k < opts.rateChanges; k++) {
      const t = torrents[Math.floor(random() * torrents.length)];
      if (t.state === 'downloading') {
        const down = Math.max(0, Math.round(t.download_rate * (0.7 + random() * 0.6) + (random() < 0.1 ? 50_000 : 0)));
        const done = Math.min(t.wanted_bytes, t.done_bytes + Math.round(down * dt));
        set(t, 'download_rate', down);
        set(t, 'done_bytes', done);
        set(t, 'progress', t.wanted_bytes > 0 ? done / t.wanted_bytes : 0);
        set(t, 'pieces_done', Math.floor(t.piece_count * t.progress));
        set(t, 'downloaded', t.downloaded + Math.round(down * dt));
        set(t, 'downloaded_all_time', t.downloaded_all_time + Math.round(down * dt));
        set(t, 'eta', down > 0 ? Math.round((t.wanted_bytes - done) / down) : -1);
        set(t, 'stalled', down === 0);
      }
      if (t.state === 'downloading' || t.state === 'seeding') {
        const up = random() < 0.3 ? 0 : Math.round(Math.max(500, t.upload_rate) * (0.6 + random() * 0.8));
        set(t, 'upload_rate', up);
        set(t, 'uploaded', t.uploaded + Math.round(up * dt));
        set(t, 'uploaded_all_time', t.uploaded_all_time + Math.round(up * dt));
        set(t, 'ratio', t.downloaded_all_time > 0 ? t.uploaded_all_time / t.downloaded_all_time : 0);
        if (random() < 0.3) set(t, 'peers', Math.max(0, t.peers + int(-2, 2)));
        if (t.state === 'seeding') set(t, 'stalled', up === 0);
      }
    }
    // A few state changes: downloads finish, torrents are paused and resumed, checks end.
    for (let k = 0; k < opts.stateChanges; k++) {
      const t = torrents[Math.floor(random() * torrents.length)];
      if (t.state === 'downloading') {
        set(t, 'state', 'seeding'); set(t, 'progress', 1); set(t, 'done_bytes', t.wanted_bytes); set(t, 'complete', true);
        set(t, 'pieces_done', t.piece_count); set(t, 'download_rate', 0); set(t, 'eta', -1); set(t, 'completed_at', NOW + tick);
      } else if (t.state === 'seeding' || t.state === 'queued') {
        set(t, 'state', 'paused'); set(t, 'download_rate', 0); set(t, 'upload_rate', 0); set(t, 'peers', 0); set(t, 'seeds', 0);
        set(t, 'next_announce', -1);
      } else if (t.state === 'paused') {
        set(t, 'state', t.complete ? 'seeding' : 'downloading'); set(t, 'next_announce', int(1, 120));
      } else if (t.state === 'checking') {
        set(t, 'state', t.complete ? 'seeding' : 'paused'); set(t, 'checked_bytes', 0);
      }
    }
    // Second counters of every running torrent, a quarter of them per delta.
    if (opts.tickCounters) {
      const phases = Math.max(1, Math.round(1000 / opts.intervalMs));
      for (let i = tick % phases; i < torrents.length; i += phases) {
        const t = torrents[i];
        if (!isRunning(t.state)) continue;
        set(t, 'active_seconds', t.active_seconds + 1);
        if (t.state === 'seeding') set(t, 'seeding_seconds', t.seeding_seconds + 1);
        if (t.next_announce > 0) set(t, 'next_announce', t.next_announce - 1 || 1800);
      }
    }
    sumSession();
    session.downloaded += Math.round(session.download_rate * dt);
    session.uploaded += Math.round(session.upload_rate * dt);
    if (tick % 20 === 0) session.dht_nodes += int(-3, 3);
    revision++;
    const delta = { revision, torrents: [...changed.values()], removed: [], session: { ...session } };
    stats.deltas++;
    stats.entries += delta.torrents.length;
    const sent = deliver(delta);
    stats.tickMs.push(performance.now() - started);
    performance.measure('fake:step', { start: started }); // lets the benchmark tell the fake's tasks from the app's
    void sent.then((d) => { for (const h of handlers.get('state_delta') ?? []) h(d); });
  }

  const startDeltas = () => { timer ??= setInterval(step, opts.intervalMs); };

  const SETTINGS = {
    default_save_path: '/home/user/Downloads', listen_port: 6881,
    limits: { download: 0, upload: 0 }, alt_limits: { download: 1024 * 1024, upload: 256 * 1024 }, alt_limits_on: false,
    queue: { enabled: true, max_active_downloads: 5, max_active_seeds: 10, max_active_torrents: 15, slow_rate: 2048, stalled_seconds: 60 },
    share_limits: { ratio: -1, seeding_minutes: -1, action: 'pause' },
    connections: { max_peers: 500, max_peers_per_torrent: 100, upload_slots_per_torrent: 4 },
    discovery: { dht: true, pex: true, lsd: true },
    protocols: { encryption: 'prefer', utp: true },
  };

  async function call(method, params) {
    switch (method) {
      case 'sync': {
        stats.syncs++;
        // The first sync (and any from a revision we cannot bridge) gets the whole set.
        if (params?.revision === revision) return deliver({ revision, full: false, torrents: [], removed: [] });
        if (firstSync && revision === 1) {
          const reply = await firstSync;
          firstSync = null;
          startDeltas(); // the bridge pushes from subscription on; the store queues deltas while sync is in flight
          return reply.data;
        }
        return deliver({ revision, full: true, torrents, removed: [] });
      }
      case 'version':
        return { app: 'torpeddo-fake', protocol: '1.0' };
      case 'get_settings':
        return deliver(SETTINGS);
      case 'free_space':
        return { path: params.path, free_bytes: 412 * 1024 ** 3 };
      case 'session_stats':
        return deliver(session);
      case 'get_status': {
        const ids = params?.ids === 'all' || params?.ids === undefined ? null : new Set([params.ids].flat());
        return deliver({ revision, torrents: torrents.filter((t) => !ids || ids.has(t.id)) });
      }
      case 'get_files':
        return { files: [] };
      case 'get_peers':
        return { peers: [] };
      case 'get_trackers':
        return { trackers: [] };
      default:
        throw Object.assign(new Error(`${method} is not part of the list benchmark's fake backend`), { code: -32601 });
    }
  }

  window.torpeddo = {
    call,
    on(name, handler) {
      if (!handlers.has(name)) handlers.set(name, new Set());
      handlers.get(name).add(handler);
      return () => handlers.get(name).delete(handler);
    },
    onConnection(handler) {
      connection.add(handler);
      queueMicrotask(() => handler({ state: 'connected', app: 'torpeddo-fake 0.0', protocol: '1.0' }));
      return () => connection.delete(handler);
    },
    native: {
      chooseTorrentFiles: async () => [],
      chooseDirectory: async () => null,
      revealInFolder: async () => {},
      openPath: async () => {},
      readClipboardText: async () => '',
      onOpenRequest: () => () => {},
      setPreferences: async () => {},
    },
  };
  window.__torpeddoFake = {
    options: opts,
    stats,
    stop: () => { clearInterval(timer); timer = null; },
    start: startDeltas,
  };
})();
