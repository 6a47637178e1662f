// A torrent's files as a tree: folders from the '/'-separated paths, with sizes, progress, a tri-state check
// and a priority summed up from the files under them; the rows a (virtualized) view shows; and the priority
// changes a click on a checkbox or a priority menu means. Pure: no DOM, tested with node --test.
import type { FileView, FilePriorities } from '../api/rpc-types.gen';

/** The levels the menu offers (the backend takes 0 to 7; 4 is its normal). */
export const PRIORITY = { skip: 0, low: 1, normal: 4, high: 7 } as const;
export type PriorityLevel = keyof typeof PRIORITY;

export type CheckState = 'checked' | 'unchecked' | 'mixed';

export interface FileNode {
  kind: 'file';
  name: string;
  path: string;
  file: FileView;
}

export interface FolderNode {
  kind: 'folder';
  name: string;
  /** '' for the root. */
  path: string;
  children: TreeNode[];
  size: number;
  done: number;
  /** Size and verified bytes of the files not skipped: what the folder's progress is measured against. */
  wantedSize: number;
  wantedDone: number;
  /** Every file index under this folder, in torrent order. */
  indices: number[];
  /** How many of those files are not skipped. */
  checkedFiles: number;
  check: CheckState;
  /** The one level every file under it has, or 'mixed'. */
  level: PriorityLevel | 'mixed';
}

export type TreeNode = FileNode | FolderNode;

export interface TreeRow {
  node: TreeNode;
  depth: number;
  /** For aria-setsize and aria-posinset. */
  setSize: number;
  position: number;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The level a priority shows as: 1–3 low, 4 normal, 5–7 high. */
export function priorityLevel(priority: number): PriorityLevel {
  if (priority <= 0) return 'skip';
  if (priority < PRIORITY.normal) return 'low';
  if (priority === PRIORITY.normal) return 'normal';
  return 'high';
}

function folder(name: string, path: string): FolderNode {
  return { kind: 'folder', name, path, children: [], size: 0, done: 0, wantedSize: 0, wantedDone: 0, indices: [], checkedFiles: 0, check: 'unchecked', level: 'skip' };
}

export function buildFileTree(files: readonly FileView[]): FolderNode {
  const root = folder('', '');
  const folders = new Map<string, FolderNode>([['', root]]);
  for (const file of files) {
    const parts = file.path.split('/').filter((p) => p !== '');
    let parent = root;
    let path = '';
    for (let i = 0; i < parts.length - 1; i++) {
      path = path === '' ? parts[i]! : `${path}/${parts[i]}`;
      let next = folders.get(path);
      if (!next) {
        next = folder(parts[i]!, path);
        folders.set(path, next);
        parent.children.push(next);
      }
      parent = next;
    }
    parent.children.push({ kind: 'file', name: parts[parts.length - 1] ?? file.path, path: file.path, file });
  }
  summarize(root);
  return root;
}

/** Sorts each folder (folders first, then natural name order) and sums what the files under it hold. */
function summarize(node: FolderNode): void {
  node.children.sort((a, b) => (a.kind === b.kind ? collator.compare(a.name, b.name) : a.kind === 'folder' ? -1 : 1));
  let level: PriorityLevel | 'mixed' | null = null;
  for (const child of node.children) {
    if (child.kind === 'folder') {
      summarize(child);
      node.size += child.size;
      node.done += child.done;
      node.wantedSize += child.wantedSize;
      node.wantedDone += child.wantedDone;
      for (const i of child.indices) node.indices.push(i);
      node.checkedFiles += child.checkedFiles;
      level = level === null || level === child.level ? child.level : 'mixed';
    } else {
      const f = child.file;
      node.size += f.size;
      node.done += f.done_bytes;
      if (f.priority > 0) {
        node.wantedSize += f.size;
        node.wantedDone += f.done_bytes;
        node.checkedFiles++;
      }
      node.indices.push(f.index);
      const l = priorityLevel(f.priority);
      level = level === null || level === l ? l : 'mixed';
    }
  }
  node.indices.sort((a, b) => a - b);
  node.check = node.checkedFiles === 0 ? 'unchecked' : node.checkedFiles === node.indices.length ? 'checked' : 'mixed';
  node.level = level ?? 'skip';
}

/** A folder's progress: over the files it downloads, or over all of them when it skips every one. */
export function folderProgress(node: FolderNode): number {
  if (node.wantedSize > 0) return node.wantedDone / node.wantedSize;
  return node.size > 0 ? node.done / node.size : 0;
}

export function checkState(node: TreeNode): CheckState {
  return node.kind === 'folder' ? node.check : node.file.priority > 0 ? 'checked' : 'unchecked';
}

/**
 * Folders to open at first: the chain of lone folders from the root (a torrent's top folder and any single
 * folder inside it), so the first files show without opening thousands of rows.
 */
export function initialExpanded(root: FolderNode): Set<string> {
  const open = new Set<string>();
  let node: FolderNode = root;
  while (node.children.length === 1 && node.children[0]!.kind === 'folder') {
    node = node.children[0] as FolderNode;
    open.add(node.path);
  }
  return open;
}

export function allFolders(root: FolderNode): Set<string> {
  const out = new Set<string>();
  const walk = (n: FolderNode) => {
    for (const c of n.children) if (c.kind === 'folder') { out.add(c.path); walk(c); }
  };
  walk(root);
  return out;
}

/**
 * The rows to show, depth first: the children of every open folder. With a filter, only files whose path
 * contains it (ignoring case) and the folders holding them, all open.
 */
export function visibleRows(root: FolderNode, expanded: ReadonlySet<string>, filter = ''): TreeRow[] {
  const needle = filter.trim().toLowerCase();
  const rows: TreeRow[] = [];
  const matches = new Map<FolderNode, boolean>();
  const anyMatch = (n: TreeNode): boolean => {
    if (n.kind === 'file') return n.path.toLowerCase().includes(needle);
    let m = matches.get(n);
    if (m === undefined) {
      m = n.children.some(anyMatch);
      matches.set(n, m);
    }
    return m;
  };
  const walk = (n: FolderNode, depth: number) => {
    const children = needle ? n.children.filter(anyMatch) : n.children;
    children.forEach((child, i) => {
      rows.push({ node: child, depth, setSize: children.length, position: i + 1 });
      if (child.kind === 'folder' && (needle || expanded.has(child.path))) walk(child, depth + 1);
    });
  };
  walk(root, 0);
  return rows;
}

/** The priority changes that set every file in `indices` to `priority` (files already there are left out). */
export function setPriority(files: readonly FileView[], indices: Iterable<number>, priority: number): FilePriorities {
  const byIndex = new Map(files.map((f) => [f.index, f]));
  const out: FilePriorities = {};
  for (const i of indices) {
    const f = byIndex.get(i);
    if (f && f.priority !== priority) out[String(i)] = priority;
  }
  return out;
}

/**
 * What a click on a node's checkbox means: a checked node (file or whole folder) is skipped; an unchecked or
 * mixed one gets its skipped files back at normal priority, and the files it already downloads keep theirs.
 */
export function toggleCheck(files: readonly FileView[], node: TreeNode): FilePriorities {
  const indices = node.kind === 'folder' ? node.indices : [node.file.index];
  if (checkState(node) === 'checked') return setPriority(files, indices, PRIORITY.skip);
  const skippedNow = new Set(files.filter((f) => f.priority === 0).map((f) => f.index));
  const skipped = indices.filter((i) => skippedNow.has(i));
  return setPriority(files, skipped, PRIORITY.normal);
}

/** Files with the changes laid over them (what the view shows while the backend applies them). */
export function withPriorities(files: readonly FileView[], changes: FilePriorities): FileView[] {
  if (Object.keys(changes).length === 0) return files as FileView[];
  return files.map((f) => {
    const p = changes[String(f.index)];
    return p === undefined ? f : { ...f, priority: p };
  });
}

/**
 * The new path for renaming `path`'s last part to `name`, or an error to show. Names are one part: no slashes,
 * not empty, not "." or "..".
 */
export function renamedPath(path: string, name: string): { to: string } | { error: string } {
  const n = name.trim();
  if (n === '') return { error: 'A name cannot be empty' };
  if (n.includes('/') || n.includes('\\')) return { error: 'A name cannot contain / or \\' };
  if (n === '.' || n === '..') return { error: 'That name is reserved' };
  const cut = path.lastIndexOf('/');
  return { to: cut < 0 ? n : `${path.slice(0, cut)}/${n}` };
}
