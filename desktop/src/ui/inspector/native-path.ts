// Paths on the backend's machine, built from a save path and a torrent's '/'-separated relative path. The save
// path tells which separator that machine uses (a Windows backend gives "C:\…").
export function joinNative(dir: string, relative: string): string {
  const windows = /^[a-zA-Z]:\\/.test(dir) || (dir.includes('\\') && !dir.includes('/'));
  const sep = windows ? '\\' : '/';
  const rel = relative.split('/').filter((p) => p !== '').join(sep);
  if (rel === '') return dir;
  return dir.endsWith(sep) ? dir + rel : dir + sep + rel;
}
