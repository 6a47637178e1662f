// qBittorrent's peer flag letters, which the backend sends as they are ("D I E"), with what each means: the
// peers table shows the letters and explains them in a tooltip.
export const PEER_FLAGS: Readonly<Record<string, string>> = {
  D: 'Downloading: we want its data and it lets us have it',
  d: 'We want its data but it is choking us',
  U: 'Uploading: it wants our data and we send it',
  u: 'It wants our data but we are choking it',
  K: 'It lets us download but we want nothing from it',
  '?': 'We let it download but it wants nothing from us',
  S: 'Snubbed: it has sent nothing for a while',
  I: 'Incoming: it connected to us',
  E: 'Encrypted connection (MSE/PE)',
  P: 'Over uTP (µTP), the UDP transport that yields to other traffic',
  H: 'Found through the DHT',
  X: 'Found through peer exchange (PEX)',
  L: 'Found through local peer discovery',
};

/** One line per letter in `flags`, for a tooltip; unknown letters are named as such. */
export function explainFlags(flags: string): string {
  return [...flags.replace(/\s+/g, '')].map((c) => `${c}: ${PEER_FLAGS[c] ?? 'unknown flag'}`).join('\n');
}

/** Every letter, for the column header's tooltip. */
export function flagLegend(): string {
  return Object.entries(PEER_FLAGS).map(([c, text]) => `${c}: ${text}`).join('\n');
}
